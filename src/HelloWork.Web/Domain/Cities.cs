namespace HelloWork.Web.Domain;

/// <summary>
/// A municipality (市区町村) with its five-digit local government code (全国地方公共団体コード
/// without the check digit): the first two digits are its prefecture's. The wards of designated
/// cities are listed as well as the cities themselves, since jobs name the ward.
/// </summary>
public sealed record City(string Code, string Name, string NameEn)
{
    public string PrefectureCode => Code[..2];
}

/// <summary>The municipalities, read once from the embedded Domain/cities.tsv (code, name, English name).</summary>
public static class Cities
{
    public static readonly IReadOnlyList<City> All = Load();

    private static readonly Dictionary<string, City> ByCode = All.ToDictionary(c => c.Code, StringComparer.Ordinal);
    private static readonly ILookup<string, City> ByPrefecture = All.ToLookup(c => c.PrefectureCode, StringComparer.Ordinal);

    public static City? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var c) ? c : null;

    /// <summary>The municipalities of a prefecture, in code order.</summary>
    public static IEnumerable<City> In(string prefectureCode) => ByPrefecture[prefectureCode];

    private static List<City> Load()
    {
        using var stream = typeof(Cities).Assembly.GetManifestResourceStream("domain/cities.tsv")
            ?? throw new InvalidOperationException("The embedded city list domain/cities.tsv is missing");
        using var reader = new StreamReader(stream);
        var cities = new List<City>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var fields = line.Split('\t');
            if (fields.Length != 3 || fields[0].Length != 5 || !fields[0].All(char.IsAsciiDigit) || Prefectures.Find(fields[0][..2]) is null)
            {
                throw new InvalidOperationException($"Bad line in domain/cities.tsv: '{line}'");
            }
            cities.Add(new City(fields[0], fields[1], fields[2]));
        }
        cities.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        return cities;
    }
}
