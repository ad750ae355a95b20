using System.Text;

namespace HaNoi.ReformDashboard.Testing;

/// <summary>A small, valid seed folder written to disk, for tests that then break one file.</summary>
public sealed class SeedFolderBuilder
{
    public Dictionary<string, List<string>> Files { get; } = new()
    {
        ["units.csv"] =
        [
            "code,name_vi,name_en,level,parent_code,valid_from,valid_to,successor_code,unit_key,split_from",
            "HN,Thành phố Hà Nội,Hanoi City,city,,2008-08-01,,",
            "SNV,Sở Nội vụ,Department of Home Affairs,department,HN,2008-08-01,,",
            "002,Quận Hoàn Kiếm,Hoan Kiem District,district,HN,2008-08-01,,",
            "00037,Phường Hàng Trống,Hang Trong Ward,commune,002,2008-08-01,,",
        ],
        ["pillars.csv"] =
        [
            "code,name_vi,name_en,order",
            "TTHC,Cải cách thủ tục hành chính,Administrative procedures,3",
            "TD,Tác động của cải cách,Impact,8",
        ],
        ["indicators.csv"] =
        [
            "code,pillar,name_vi,name_en,kind,rollup,frequency,levels,tolerance,definition_vi,city_figure",
            "ONTIME,TTHC,Hồ sơ trả kết quả đúng hạn,On-time dossiers,ratio,flow,monthly,department;district;commune,5,\"Hồ sơ đúng hạn, trước hạn / tổng số hồ sơ\",sum_of_units",
            "SIPAS,TD,Chỉ số hài lòng SIPAS,SIPAS satisfaction,value,stock,annual,city,5,Chỉ số SIPAS,own_report",
        ],
        ["plan_years.csv"] =
        [
            "plan_year,title_vi,title_en,indicators,headline",
            "2022,Kế hoạch CCHC năm 2022,Reform plan 2022,,SIPAS;ONTIME",
        ],
        ["targets.csv"] =
        [
            "plan_year,indicator_code,level,unit_code,operator,threshold,aspirational,source_vi",
            "2022,ONTIME,,,>,99,false,Trên 99% số hồ sơ TTHC được trả kết quả giải quyết đúng hạn",
            "2022,SIPAS,,,>=,86,false,Chỉ số SIPAS đạt tối thiểu 86%",
        ],
        ["measurements-2022.csv"] =
        [
            "unit_code,indicator_code,period,numerator,denominator,value",
            "SNV,ONTIME,2022-01,990,1000,",
            "002,ONTIME,2022-01,495,500,",
            "00037,ONTIME,2022-01,0,0,",
            "HN,SIPAS,2022-12,,,86.9",
        ],
    };

    public SeedFolderBuilder Replace(string file, int line, string text)
    {
        Files[file][line] = text;
        return this;
    }

    public SeedFolderBuilder Append(string file, string text)
    {
        Files[file].Add(text);
        return this;
    }

    public string WriteTo(string parent)
    {
        var folder = Path.Combine(parent, "seed-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        foreach (var (name, lines) in Files)
            File.WriteAllText(Path.Combine(folder, name), string.Join('\n', lines) + "\n", new UTF8Encoding(false));
        return folder;
    }
}
