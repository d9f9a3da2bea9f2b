using HelloWork.Web.Domain;
using HelloWork.Web.Features.Accounts;
using HelloWork.Web.Features.Offices;

namespace HelloWork.Web.Features.Jobs;

/// <summary>
/// Realistic open jobs for scale tests and benches (JOB-3): Japanese titles and descriptions from a
/// vocabulary built around the real occupations (<see cref="Occupations"/>), places in all 47
/// prefectures weighted by population with their cities (<see cref="Cities"/>), wages per employment
/// type and unit, acceptance spread over the two months before now. Every job goes through the domain
/// (<see cref="Job.Start"/>, <see cref="Job.Submit"/>, <see cref="Job.Accept"/>), so its columns,
/// JOB-2's self-application rule, its validity and its search text and tokens are exactly what
/// acceptance makes. The same seed gives the same jobs.
/// </summary>
public sealed class JobGenerator(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>Population in units of 10,000 (2020 census, rounded), in JIS order: where jobs are.</summary>
    private static readonly int[] Population =
    [
        522, 124, 121, 230, 96, 107, 183, 287, 193, 194, 734, 628, 1405, 924, 220, 103, 113, 77, 81, 205, 198, 363,
        754, 177, 141, 258, 884, 547, 132, 92, 55, 67, 189, 280, 134, 72, 95, 133, 69, 514, 81, 131, 174, 112, 107, 159, 147,
    ];

    private static readonly string[] NameHeads =
    [
        "さくら", "みどり", "ひかり", "あおば", "はなまる", "つばさ", "やまと", "東西", "中央", "北斗", "日の出", "富士", "旭", "青葉", "若葉",
        "大和", "平和", "協和", "共栄", "丸山", "山田", "田中", "鈴木", "高橋", "松本", "小林", "日本", "ニッポン", "サン", "グリーン",
        "ライフ", "ケア", "テクノ", "アイ", "エース", "ユニオン", "パシフィック", "スマイル", "ハート", "ネクスト",
    ];

    private static readonly (string Prefix, string Suffix)[] CompanyForms =
    [
        ("株式会社", ""), ("", "株式会社"), ("有限会社", ""), ("社会福祉法人", "会"), ("医療法人社団", "会"), ("", "合同会社"), ("一般社団法人", ""),
    ];

    /// <summary>Per occupation group: what the establishment does (the employer name's tail).</summary>
    private static readonly Dictionary<string, string[]> Trades = new()
    {
        ["01"] = ["商事", "ホールディングス", "ストア"],
        ["02"] = ["システムズ", "ソフト", "エンジニアリング", "技研"],
        ["03"] = ["会計事務所", "デザイン", "出版", "翻訳センター"],
        ["04"] = ["病院", "クリニック", "薬局", "歯科医院"],
        ["05"] = ["保育園", "幼稚園", "学習塾", "学童クラブ"],
        ["06"] = ["商事", "サービス", "コールセンター", "事務センター"],
        ["07"] = ["ストア", "販売", "不動産", "商店"],
        ["08"] = ["介護センター", "福祉会", "ケアサービス", "デイサービス"],
        ["09"] = ["食堂", "レストラン", "ホテル", "美容室", "管理サービス"],
        ["10"] = ["警備保障", "セキュリティ"],
        ["11"] = ["農園", "造園", "水産"],
        ["12"] = ["製作所", "工業", "食品", "自動車整備", "精機"],
        ["13"] = ["運輸", "物流", "交通", "タクシー", "バス"],
        ["14"] = ["建設", "電設", "工務店", "設備工業"],
        ["15"] = ["ロジスティクス", "クリーンサービス", "引越センター", "梱包"],
    };

    /// <summary>Per occupation group: the duties a description names.</summary>
    private static readonly Dictionary<string, string[]> Duties = new()
    {
        ["01"] = ["店舗運営全般の管理", "売上・人員の管理", "スタッフの採用と教育", "本部との連絡調整"],
        ["02"] = ["業務システムの設計・開発", "Webアプリケーションの開発（C#、Java）", "社内ネットワークの運用保守", "PCのセットアップとヘルプデスク", "機械設計（CAD使用）", "試験・評価業務"],
        ["03"] = ["月次決算・年次決算の補助", "チラシ・Webのデザイン制作", "記事の企画・取材・執筆", "契約書の翻訳（英語）"],
        ["04"] = ["病棟での看護業務", "外来診療の補助", "調剤・服薬指導", "リハビリテーション", "歯科診療の補助", "検体検査"],
        ["05"] = ["0〜5歳児の保育", "保護者対応と連絡帳の記入", "小中学生への学習指導", "放課後の児童の見守り"],
        ["06"] = ["電話応対・来客対応", "書類作成・データ入力（Excel、Word）", "請求書・伝票の処理", "受付・案内業務", "医療事務（レセプト業務）", "お問い合わせへの電話対応"],
        ["07"] = ["店頭での接客販売", "レジ業務・品出し", "法人顧客へのルート営業", "新規顧客の開拓", "不動産物件の案内・契約業務"],
        ["08"] = ["入浴・食事・排せつの介助", "利用者の送迎", "レクリエーションの企画", "訪問介護（身体介護・生活援助）", "ケアプランの作成", "生活相談・支援"],
        ["09"] = ["調理・盛り付け・仕込み", "ホールでの接客・配膳", "カット・カラー・パーマ", "フロント業務・客室清掃", "マンションの巡回・清掃"],
        ["10"] = ["商業施設の警備・巡回", "工事現場での交通誘導", "出入管理・監視業務"],
        ["11"] = ["野菜の栽培・収穫", "庭木の剪定・植栽管理", "漁船での作業・水揚げ"],
        ["12"] = ["製造ラインでの機械操作", "食品の加工・包装", "部品の組立・検査", "溶接作業（半自動）", "自動車の点検・整備", "製品の品質検査"],
        ["13"] = ["2tトラックでのルート配送", "大型トラックでの長距離輸送", "タクシー乗務", "路線バスの運転", "フォークリフトでの荷役作業"],
        ["14"] = ["住宅の新築工事", "電気設備工事", "内装・大工工事", "給排水設備の施工"],
        ["15"] = ["倉庫内でのピッキング・検品", "オフィスビルの清掃", "商品の梱包・仕分け", "引越し作業"],
    };

    /// <summary>Phrases of every posting, most common first: word frequencies fall off as in real postings.</summary>
    private static readonly string[] Common =
    [
        "交通費支給", "未経験者歓迎", "社会保険完備", "経験者優遇", "昇給あり", "賞与あり", "車通勤可", "週休2日制", "残業少なめ",
        "資格取得支援制度あり", "制服貸与", "土日祝休み", "シフト制", "駅から徒歩5分", "年間休日120日", "育児休業取得実績あり",
        "ブランクのある方も歓迎", "シニア歓迎", "主婦（夫）歓迎", "扶養内勤務可", "Wワーク可", "退職金制度あり", "住宅手当あり",
        "研修制度充実", "正社員登用あり", "マイカー通勤OK", "食事補助あり", "家族手当あり", "日勤のみ", "夜勤あり", "転勤なし",
        "服装自由", "急募", "長期歓迎", "短時間勤務可", "ＰＣ操作ができる方", "普通自動車免許（ＡＴ限定可）", "駐車場完備", "寮・社宅あり",
        "60歳以上の方も活躍中", "外国籍の方も歓迎", "スタッフ同士の仲が良い職場です", "アットホームな雰囲気です", "地域密着の会社です",
    ];

    private static readonly string[] Rare =
    [
        "手話ができる方歓迎", "フォークリフト免許尚可", "ドローン操縦", "TOEIC700点以上", "中国語が話せる方", "ポルトガル語対応", "介護福祉士",
        "第二種電気工事士", "危険物取扱者乙4", "大型特殊免許", "調理師免許", "保育士資格", "看護師免許", "宅地建物取引士", "日商簿記2級",
        "玉掛け", "床上操作式クレーン", "ＳＱＬの経験", "Ｐｙｔｈｏｎ", "ｶｲｺﾞ経験", "ｼﾌﾄ相談可", "夜間のみ", "早朝勤務", "離島勤務",
        "船舶免許", "狩猟免許", "杜氏見習い", "和菓子製造", "伝統工芸", "茶葉の加工", "漆塗り", "酪農", "養蜂",
    ];

    /// <summary>
    /// The establishments that will own <paramref name="count"/> jobs (about ten each, 1 to 19),
    /// each in a prefecture weighted by population, under that prefecture's office in
    /// <paramref name="offices"/> (one per prefecture, saved: their ids are used).
    /// </summary>
    public IReadOnlyList<(Establishment Establishment, int Jobs, string Group)> Establishments(int count, DateTime now,
        IReadOnlyDictionary<string, Office> offices, int numberStart)
    {
        var totalPopulation = Population.Sum();
        var result = new List<(Establishment, int, string)>();
        var planned = 0;
        var number = numberStart;
        while (planned < count)
        {
            var prefecture = Prefectures.All[Pick(Population, totalPopulation)];
            var cities = Cities.In(prefecture.Code).ToList();
            var city = cities.Count > 0 ? cities[_random.Next(cities.Count)] : null;
            var group = Occupations.Groups[_random.Next(Occupations.Groups.Count)].Code;
            var establishment = Establishment.Create($"{prefecture.Code}99-{number % 1_000_000:D6}-{number % 7}",
                EmployerName(group, city?.Name ?? prefecture.Name), prefecture.Name, city?.Name ?? "", now.AddDays(-90));
            establishment.AssignOffice(offices[prefecture.Code].Id);
            var jobs = Math.Min(count - planned, 1 + _random.Next(19));
            result.Add((establishment, jobs, group));
            planned += jobs;
            number++;
        }
        return result;
    }

    /// <summary>
    /// The jobs of <paramref name="establishments"/>, accepted between two months before
    /// <paramref name="now"/> and <paramref name="now"/>, yielded in acceptance order (as they would
    /// have been accepted), one per occupation × employment type within an establishment. Serials
    /// continue each office's <see cref="Office.LastJobSerial"/>; <paramref name="serials"/> ends
    /// with the last one used per office id.
    /// </summary>
    public IEnumerable<Job> Jobs(IReadOnlyList<(Establishment Establishment, int Jobs, string Group)> establishments, DateTime now,
        IReadOnlyDictionary<string, Office> offices, Dictionary<int, long> serials, Guid staffId)
    {
        var count = establishments.Sum(e => e.Jobs);
        var acceptances = Enumerable.Range(0, count).Select(_ => AcceptanceTime(now)).Order().ToArray();
        var owners = new int[count];
        var k = 0;
        for (var e = 0; e < establishments.Count; e++)
        {
            for (var i = 0; i < establishments[e].Jobs; i++) owners[k++] = e;
        }
        _random.Shuffle(owners); // each establishment files its jobs over the whole two months
        var used = new Dictionary<int, HashSet<(string, EmploymentType)>>();
        for (k = 0; k < count; k++)
        {
            var (establishment, _, group) = establishments[owners[k]];
            var kinds = used.TryGetValue(owners[k], out var set) ? set : used[owners[k]] = [];
            Occupation occupation;
            EmploymentType type;
            var tries = 0;
            do
            {
                occupation = _random.Next(4) == 0 || tries > 5
                    ? Occupations.All[_random.Next(Occupations.All.Count)]
                    : One(Occupations.InGroup(group).ToList());
                type = EmploymentTypeFor(group);
                tries++;
            }
            while (!kinds.Add((occupation.Code, type)));
            var at = acceptances[k];
            var prefecture = Prefectures.FindByName(establishment.Prefecture)!.Code;
            var city = Cities.In(prefecture).FirstOrDefault(c => c.Name == establishment.City)?.Code;
            var office = offices[prefecture];
            var job = Job.Start(establishment, office.Id, Posting(occupation, type, prefecture, city, at), at.AddDays(-2));
            job.Submit(at.AddDays(-1));
            var serial = serials[office.Id] = serials.GetValueOrDefault(office.Id, office.LastJobSerial) + 1;
            job.Accept(Job.NumberOf(office.Code, serial), staffId, establishment.Name, at);
            yield return job;
        }
    }

    private DateTime AcceptanceTime(DateTime now)
    {
        // Weekdays, office hours in Japan, over the last 61 days.
        while (true)
        {
            var day = JapanTime.Today(now).AddDays(-_random.Next(61));
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && _random.Next(10) > 0) continue;
            var local = day.ToDateTime(new TimeOnly(8, 30)).AddMinutes(_random.Next(9 * 60)).AddSeconds(_random.Next(60));
            var utc = new DateTimeOffset(local, JapanTime.Offset).UtcDateTime;
            if (utc <= now) return utc;
        }
    }

    private int Pick(int[] weights, int total)
    {
        var x = _random.Next(total);
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0) return i;
        }
        return weights.Length - 1;
    }

    private T One<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>A Zipf-like pick: item k with weight 1/(k+1).</summary>
    private T Zipf<T>(IReadOnlyList<T> items)
    {
        var h = 0.0;
        for (var i = 0; i < items.Count; i++) h += 1.0 / (i + 1);
        var x = _random.NextDouble() * h;
        for (var i = 0; i < items.Count; i++)
        {
            x -= 1.0 / (i + 1);
            if (x < 0) return items[i];
        }
        return items[^1];
    }

    private string EmployerName(string group, string place)
    {
        var (prefix, suffix) = One(CompanyForms);
        var head = _random.Next(3) == 0 ? place.TrimEnd('市', '区', '町', '村') : One(NameHeads);
        var trade = One(Trades[group]);
        return suffix.Length > 0 && prefix.Length == 0 ? $"{head}{trade}{suffix}" : $"{prefix}{head}{trade}{suffix}";
    }

    private EmploymentType EmploymentTypeFor(string group) => _random.Next(100) switch
    {
        < 50 => EmploymentType.Regular,
        < 80 => EmploymentType.NonRegular,
        < 88 => EmploymentType.FixedTerm,
        < 96 => group is "05" or "04" ? EmploymentType.NonRegular : EmploymentType.Dispatch,
        _ => EmploymentType.Contract,
    };

    private JobPosting Posting(Occupation occupation, EmploymentType type, string prefecture, string? city, DateTime acceptedAt)
    {
        var partTime = type is EmploymentType.NonRegular or EmploymentType.FixedTerm && _random.Next(3) > 0
            || type == EmploymentType.Dispatch && _random.Next(2) == 0;
        var schedule = partTime ? JobSchedule.PartTime : JobSchedule.FullTime;
        var (unit, min, max) = Wage(occupation, type, schedule, prefecture);
        var workplaceNamed = type != EmploymentType.Dispatch || _random.Next(3) > 0;
        var posting = new JobPosting
        {
            Title = Title(occupation, type, schedule),
            OccupationCode = occupation.Code,
            Description = Description(occupation, schedule),
            PrefectureCode = prefecture,
            CityCode = city,
            Address = $"{1 + _random.Next(9)}丁目{1 + _random.Next(30)}-{1 + _random.Next(20)}",
            WorkplaceNamed = workplaceNamed,
            Schedule = schedule,
            EmploymentType = type,
            WageMin = min,
            WageMax = max,
            WageUnit = unit,
            HoursFrom = schedule == JobSchedule.FullTime ? One(["08:30", "09:00", "10:00"]) : One(["09:00", "10:00", "13:00", "17:00"]),
            HoursTo = schedule == JobSchedule.FullTime ? One(["17:30", "18:00", "19:00"]) : One(["13:00", "15:00", "17:00", "22:00"]),
            DaysOff = One(["土日祝", "シフト制（週休2日）", "日曜・祝日", "平日2日"]),
            Openings = 1 + _random.Next(5),
            DocumentMethods = DocumentMethods.Post | (_random.Next(2) == 0 ? DocumentMethods.MyPage : DocumentMethods.None),
            SelectionMethods = SelectionMethods.Documents | SelectionMethods.Interview,
            ReferralDeadline = _random.Next(10) == 0 ? null : JapanTime.Today(acceptedAt).AddDays(30 + _random.Next(60)),
        };
        // JOB-2: self-application only where it is allowed, and then for about half the jobs.
        return posting with { SelfApplication = Job.AllowsSelfApplication(posting) && _random.Next(2) == 0 };
    }

    private string Title(Occupation occupation, EmploymentType type, JobSchedule schedule)
    {
        var name = occupation.Name;
        var note = _random.Next(4) switch
        {
            0 => schedule == JobSchedule.PartTime ? "（パート）" : "",
            1 => type == EmploymentType.Regular ? "（正社員）" : "",
            2 => "（" + One(Common).Split('（')[0] + "）",
            _ => "",
        };
        return (name + note).Length <= 100 ? name + note : name;
    }

    private string Description(Occupation occupation, JobSchedule schedule)
    {
        var duties = Duties[occupation.GroupCode];
        var first = _random.Next(duties.Length);
        var second = (first + 1 + _random.Next(duties.Length - 1)) % duties.Length;
        var parts = new List<string> { $"{occupation.Name}として、{duties[first]}、{duties[second]}をお願いします。" };
        var phrases = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 3 + _random.Next(5); i > 0; i--) phrases.Add(Zipf(Common));
        parts.AddRange(phrases.Select(p => p + "。"));
        if (_random.Next(8) == 0) parts.Add(One(Rare) + "。");
        parts.Add(schedule == JobSchedule.PartTime ? "週3日・1日4時間からの勤務も相談できます。" : "入社後は先輩スタッフが丁寧に指導します。");
        return string.Join("", parts);
    }

    private (WageUnit Unit, int Min, int Max) Wage(Occupation occupation, EmploymentType type, JobSchedule schedule, string prefecture)
    {
        // Tokyo, Kanagawa, Osaka, Aichi pay more; the rest a little less.
        var area = prefecture switch { "13" => 1.15, "14" or "27" or "23" => 1.07, _ => 0.97 };
        var skilled = occupation.GroupCode is "01" or "02" or "03" or "04" ? 1.2 : 1.0;
        int Round(double v, int step) => (int)(Math.Round(v / step) * step);
        if (type == EmploymentType.Contract && _random.Next(2) == 0)
        {
            var day = Round((9000 + _random.Next(9000)) * area * skilled, 500);
            return (WageUnit.Daily, day, day + Round(_random.Next(5000), 500));
        }
        if (schedule == JobSchedule.PartTime || type == EmploymentType.Dispatch)
        {
            var hour = Round((1000 + _random.Next(400) + (type == EmploymentType.Dispatch ? 250 : 0)) * area * skilled, 10);
            return (WageUnit.Hourly, hour, hour + Round(_random.Next(400), 10));
        }
        if (type == EmploymentType.Regular && occupation.GroupCode is "01" or "02" && _random.Next(4) == 0)
        {
            var year = Round((3_500_000 + _random.Next(3_000_000)) * area, 100_000);
            return (WageUnit.Annual, year, year + Round(_random.Next(2_000_000), 100_000));
        }
        var month = Round((175_000 + _random.Next(110_000)) * area * skilled, 1000);
        return (WageUnit.Monthly, month, month + Round(20_000 + _random.Next(100_000), 1000));
    }
}
