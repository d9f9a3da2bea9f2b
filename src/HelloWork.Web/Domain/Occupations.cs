namespace HelloWork.Web.Domain;

/// <summary>An occupation a job is filed under: a code whose first two digits are its group.</summary>
public sealed record Occupation(string Code, string Name, string NameEn)
{
    public string GroupCode => Code[..2];
}

/// <summary>A major group of occupations (職業分類の大分類).</summary>
public sealed record OccupationGroup(string Code, string Name, string NameEn);

/// <summary>
/// The occupations jobs are filed and searched under. The fifteen groups are the major groups of
/// the Ministry of Health, Labour and Welfare's occupational classification (厚生労働省編職業分類,
/// 2022 revision) with their numbers; the four-digit occupations under them are this service's own
/// list of the occupations most often offered, numbered within their group. A search may name a
/// group (two digits: every occupation in it) or one occupation (four digits).
/// </summary>
public static class Occupations
{
    public static readonly IReadOnlyList<OccupationGroup> Groups =
    [
        new("01", "管理的職業", "Managers"),
        new("02", "研究・技術の職業", "Research and engineering"),
        new("03", "法務・経営・文化芸術等の専門的職業", "Legal, business, arts and other professionals"),
        new("04", "医療・看護・保健の職業", "Medical, nursing and health"),
        new("05", "保育・教育の職業", "Childcare and education"),
        new("06", "事務的職業", "Office work"),
        new("07", "販売・営業の職業", "Sales"),
        new("08", "福祉・介護の職業", "Welfare and care"),
        new("09", "サービスの職業", "Services"),
        new("10", "警備・保安の職業", "Security"),
        new("11", "農林漁業の職業", "Agriculture, forestry and fishery"),
        new("12", "製造・修理・塗装・製図等の職業", "Manufacturing, repair, painting and drafting"),
        new("13", "配送・輸送・機械運転の職業", "Delivery, transport and machine operation"),
        new("14", "建設・土木・電気工事の職業", "Construction, civil and electrical work"),
        new("15", "運搬・清掃・包装・選別等の職業", "Carrying, cleaning, packing and sorting"),
    ];

    public static readonly IReadOnlyList<Occupation> All =
    [
        new("0101", "会社役員・管理職", "Company executive or manager"),
        new("0102", "店長", "Store manager"),
        new("0201", "ソフトウェア開発技術者", "Software developer"),
        new("0202", "社内システム・インフラ技術者", "Systems and infrastructure engineer"),
        new("0203", "機械技術者", "Mechanical engineer"),
        new("0204", "電気・電子技術者", "Electrical and electronics engineer"),
        new("0205", "建築・土木技術者", "Architectural and civil engineer"),
        new("0206", "研究員", "Researcher"),
        new("0301", "経理・会計専門職", "Accounting professional"),
        new("0302", "デザイナー", "Designer"),
        new("0303", "編集・ライター", "Editor or writer"),
        new("0304", "通訳・翻訳者", "Interpreter or translator"),
        new("0401", "看護師・准看護師", "Nurse"),
        new("0402", "薬剤師", "Pharmacist"),
        new("0403", "理学療法士・作業療法士", "Physical or occupational therapist"),
        new("0404", "歯科衛生士", "Dental hygienist"),
        new("0405", "看護助手", "Nursing assistant"),
        new("0406", "臨床検査技師", "Clinical laboratory technician"),
        new("0501", "保育士", "Nursery teacher"),
        new("0502", "幼稚園教諭", "Kindergarten teacher"),
        new("0503", "学習塾講師", "Cram school teacher"),
        new("0504", "放課後児童支援員", "After-school childcare worker"),
        new("0601", "一般事務", "General office clerk"),
        new("0602", "経理事務", "Accounting clerk"),
        new("0603", "営業事務", "Sales support clerk"),
        new("0604", "医療事務", "Medical office clerk"),
        new("0605", "受付・案内", "Receptionist"),
        new("0606", "データ入力", "Data entry"),
        new("0607", "コールセンターオペレーター", "Call centre operator"),
        new("0701", "販売店員", "Shop sales assistant"),
        new("0702", "レジ係", "Cashier"),
        new("0703", "法人営業", "Corporate sales"),
        new("0704", "個人営業", "Retail sales representative"),
        new("0705", "不動産営業", "Real estate sales"),
        new("0801", "介護職員", "Care worker"),
        new("0802", "訪問介護員（ホームヘルパー）", "Home helper"),
        new("0803", "生活支援員", "Life support worker"),
        new("0804", "介護支援専門員（ケアマネジャー）", "Care manager"),
        new("0805", "相談支援員", "Welfare counsellor"),
        new("0901", "調理師・調理補助", "Cook or kitchen assistant"),
        new("0902", "ホールスタッフ", "Restaurant floor staff"),
        new("0903", "美容師・理容師", "Hairdresser or barber"),
        new("0904", "ホテルフロント・客室係", "Hotel front desk or housekeeping"),
        new("0905", "マンション管理員", "Building caretaker"),
        new("1001", "施設警備員", "Facility security guard"),
        new("1002", "交通誘導警備員", "Traffic control guard"),
        new("1101", "農業作業員", "Farm worker"),
        new("1102", "造園作業員", "Landscape gardener"),
        new("1103", "漁業作業員", "Fishery worker"),
        new("1201", "製造オペレーター", "Production operator"),
        new("1202", "食品製造", "Food processing worker"),
        new("1203", "機械組立", "Machine assembler"),
        new("1204", "溶接工", "Welder"),
        new("1205", "自動車整備士", "Automotive mechanic"),
        new("1206", "検査・品質管理", "Inspection and quality control"),
        new("1207", "CADオペレーター", "CAD operator"),
        new("1301", "配送ドライバー（軽・2t）", "Delivery driver"),
        new("1302", "大型トラックドライバー", "Heavy truck driver"),
        new("1303", "タクシー運転手", "Taxi driver"),
        new("1304", "路線バス運転手", "Bus driver"),
        new("1305", "フォークリフト運転", "Forklift operator"),
        new("1401", "建設作業員", "Construction worker"),
        new("1402", "電気工事士", "Electrician"),
        new("1403", "大工", "Carpenter"),
        new("1404", "設備工事・配管工", "Plumbing and installation worker"),
        new("1501", "倉庫作業員・ピッキング", "Warehouse picker"),
        new("1502", "清掃員", "Cleaner"),
        new("1503", "軽作業・梱包", "Light work and packing"),
        new("1504", "引越作業員", "Removal worker"),
    ];

    private static readonly Dictionary<string, Occupation> ByCode = All.ToDictionary(o => o.Code, StringComparer.Ordinal);
    private static readonly Dictionary<string, OccupationGroup> GroupByCode = Groups.ToDictionary(g => g.Code, StringComparer.Ordinal);

    public static Occupation? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var o) ? o : null;

    public static OccupationGroup? FindGroup(string? code) => code is not null && GroupByCode.TryGetValue(code, out var g) ? g : null;

    /// <summary>A search condition: a group's two digits or an occupation's four.</summary>
    public static bool IsSearchCode(string? code) => Find(code) is not null || FindGroup(code) is not null;

    public static IEnumerable<Occupation> InGroup(string groupCode) => All.Where(o => o.GroupCode == groupCode);
}
