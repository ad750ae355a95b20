using System.CommandLine;

using HaNoi.ReformDashboard.Cli.SeedGeneration;

namespace HaNoi.ReformDashboard.Cli.Tests.SeedGeneration;

public class SeedGenerateCommandTests
{
    private static (int ExitCode, string Output, string Error) Invoke(params string[] args)
    {
        RootCommand root = new() { SeedCommand.Create() };
        StringWriter output = new();
        StringWriter error = new();
        int exitCode = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void Regenerating_into_a_copy_reproduces_the_committed_file_byte_for_byte_and_leaves_reference_files_alone()
    {
        using TempFolder temp = new();
        temp.CopyReferenceFiles();
        Dictionary<string, byte[]> before = RepoSeedData.ReferenceFiles.ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(temp.Path, f)));

        (int exitCode, string output, string error) = Invoke("seed", "generate", "--seed", "2022", "--out", temp.Path);

        exitCode.Should().Be(SeedGenerateCommand.ExitOk, error);
        output.Should().Contain("measurements-2022.csv");
        File.ReadAllBytes(Path.Combine(temp.Path, "measurements-2022.csv"))
            .Should().Equal(File.ReadAllBytes(RepoSeedData.MeasurementsPath));
        foreach ((string file, byte[] bytes) in before)
        {
            File.ReadAllBytes(Path.Combine(temp.Path, file)).Should().Equal(bytes, $"{file} is only read");
        }
    }

    [Fact]
    public void Two_runs_with_the_same_seed_are_identical_and_another_seed_differs()
    {
        using TempFolder a = new();
        using TempFolder b = new();
        using TempFolder c = new();
        a.CopyReferenceFiles();
        b.CopyReferenceFiles();
        c.CopyReferenceFiles();

        Invoke("seed", "generate", "--seed", "42", "--out", a.Path).ExitCode.Should().Be(0);
        Invoke("seed", "generate", "--seed", "42", "--out", b.Path).ExitCode.Should().Be(0);
        Invoke("seed", "generate", "--seed", "43", "--out", c.Path).ExitCode.Should().Be(0);

        byte[] first = File.ReadAllBytes(Path.Combine(a.Path, "measurements-2022.csv"));
        File.ReadAllBytes(Path.Combine(b.Path, "measurements-2022.csv")).Should().Equal(first);
        File.ReadAllBytes(Path.Combine(c.Path, "measurements-2022.csv")).Should().NotEqual(first);
    }

    [Fact]
    public void Seed_defaults_to_2022()
    {
        using TempFolder temp = new();
        temp.CopyReferenceFiles();
        Invoke("seed", "generate", "--out", temp.Path).ExitCode.Should().Be(0);
        File.ReadAllBytes(Path.Combine(temp.Path, "measurements-2022.csv"))
            .Should().Equal(File.ReadAllBytes(RepoSeedData.MeasurementsPath));
    }

    [Fact]
    public void Missing_folder_is_refused_with_a_clear_message()
    {
        string missing = Path.Combine(Path.GetTempPath(), "reform-seed-tests-" + Guid.NewGuid().ToString("N"));

        (int exitCode, string _, string error) = Invoke("seed", "generate", "--out", missing);

        exitCode.Should().Be(SeedGenerateCommand.ExitInvalidInput);
        error.Should().Contain(missing).And.Contain("không tồn tại").And.Contain("does not exist");
        Directory.Exists(missing).Should().BeFalse();
    }

    [Fact]
    public void Missing_units_csv_is_refused_and_nothing_is_written()
    {
        using TempFolder temp = new();
        temp.CopyReferenceFiles();
        File.Delete(Path.Combine(temp.Path, "units.csv"));

        (int exitCode, string _, string error) = Invoke("seed", "generate", "--out", temp.Path);

        exitCode.Should().Be(SeedGenerateCommand.ExitInvalidInput);
        error.Should().Contain("units.csv: thiếu tệp").And.Contain("the file is missing");
        File.Exists(Path.Combine(temp.Path, "measurements-2022.csv")).Should().BeFalse();
    }

    [Fact]
    public void Invalid_row_is_reported_with_file_and_line()
    {
        using TempFolder temp = new();
        temp.CopyReferenceFiles();
        string units = Path.Combine(temp.Path, "units.csv");
        File.AppendAllText(units, "XYZ,Đơn vị thử,Test unit,province,HN,2022-01-01,,\n");
        int line = File.ReadAllLines(units).Length;

        (int exitCode, string _, string error) = Invoke("seed", "generate", "--out", temp.Path);

        exitCode.Should().Be(SeedGenerateCommand.ExitInvalidInput);
        error.Should().Contain($"units.csv, dòng {line}, cột level").And.Contain($"row {line}, column level").And.Contain("province");
        error.Should().NotContain("parent_code", "one wrong level is one error, not a cascade");
    }

    [Fact]
    public void Missing_out_option_is_a_usage_error()
    {
        Invoke("seed", "generate").ExitCode.Should().NotBe(0);
    }
}
