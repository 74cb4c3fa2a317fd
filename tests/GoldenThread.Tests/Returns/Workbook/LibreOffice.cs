using System.Diagnostics;
using GoldenThread.Tests.Infrastructure;

namespace GoldenThread.Tests.Returns.Workbook;

/// <summary>
/// LibreOffice Calc, headless, to open a workbook and save it again as LibreOffice saves it (its own styles, strings and
/// parts, not Excel's). ./run-tests installs it from Debian's packages (libreoffice-calc-nogui) as it installs Chromium.
/// </summary>
internal static class LibreOffice
{
    public const string Program = "/usr/bin/soffice";

    /// <summary>Conversions share nothing but the program; one at a time keeps a 2-core machine responsive.</summary>
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>Opens the .xlsx in LibreOffice Calc and saves it as .xlsx again; returns the saved bytes.</summary>
    public static async Task<byte[]> ResaveAsync(byte[] workbook)
    {
        if (!File.Exists(Program))
        {
            throw new InvalidOperationException($"LibreOffice is not installed at {Program}: run ./run-tests, or apt-get install libreoffice-calc-nogui.");
        }

        var folder = TestFolders.Create("libreoffice-");
        var input = Path.Combine(folder, "in", "return.xlsx");
        var output = Path.Combine(folder, "out");
        Directory.CreateDirectory(Path.GetDirectoryName(input)!);
        await File.WriteAllBytesAsync(input, workbook);

        var start = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // A profile of its own, so that no other LibreOffice (or an earlier crash's lock) interferes.
        start.ArgumentList.Add($"-env:UserInstallation=file://{Path.Combine(folder, "profile")}");
        foreach (var argument in new[] { "--headless", "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", output, input })
        {
            start.ArgumentList.Add(argument);
        }

        await OneAtATime.WaitAsync();
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);
            var saved = Path.Combine(output, "return.xlsx");
            Assert.True(
                process.ExitCode == 0 && File.Exists(saved),
                $"LibreOffice did not convert the workbook (exit {process.ExitCode}): {await stdout} {await stderr}");
            return await File.ReadAllBytesAsync(saved);
        }
        finally
        {
            OneAtATime.Release();
        }
    }
}
