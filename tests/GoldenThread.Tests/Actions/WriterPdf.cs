using System.Diagnostics;
using GoldenThread.Tests.Infrastructure;

namespace GoldenThread.Tests.Actions;

/// <summary>
/// LibreOffice Writer, headless, converting a Word document to PDF: the proof that the document opens in LibreOffice
/// without error. ./run-tests installs it from Debian's packages (libreoffice-writer-nogui, beside calc's).
/// </summary>
internal static class WriterPdf
{
    public const string Program = "/usr/bin/soffice";

    /// <summary>Converts the .docx to PDF; returns the PDF's bytes, failing the test when LibreOffice cannot.</summary>
    public static async Task<byte[]> ConvertAsync(byte[] document)
    {
        Assert.True(File.Exists(Program), $"LibreOffice is not installed at {Program}: run ./run-tests, or apt-get install libreoffice-writer-nogui.");
        Assert.True(File.Exists("/usr/lib/libreoffice/program/libswlo.so"), "LibreOffice Writer is not installed: run ./run-tests, or apt-get install libreoffice-writer-nogui.");
        var folder = TestFolders.Create("writer-");
        var input = Path.Combine(folder, "in", "report.docx");
        var output = Path.Combine(folder, "out");
        Directory.CreateDirectory(Path.GetDirectoryName(input)!);
        await File.WriteAllBytesAsync(input, document);

        var start = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // A profile of its own, so that no other LibreOffice (or an earlier crash's lock) interferes.
        start.ArgumentList.Add($"-env:UserInstallation=file://{Path.Combine(folder, "profile")}");
        foreach (var argument in new[] { "--headless", "--norestore", "--convert-to", "pdf:writer_pdf_Export", "--outdir", output, input })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var saved = Path.Combine(output, "report.pdf");
        var err = await stderr;
        Assert.True(
            process.ExitCode == 0 && File.Exists(saved) && !err.Contains("Error", StringComparison.OrdinalIgnoreCase),
            $"LibreOffice did not convert the document (exit {process.ExitCode}): {await stdout} {err}");
        return await File.ReadAllBytesAsync(saved);
    }
}
