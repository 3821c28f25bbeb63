namespace IamUeba.Cli.Scan;

/// <summary>The scan's exit codes, for CI jobs.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>An input could not be read with --strict, or nothing at all could be analysed.</summary>
    public const int Error = 1;

    /// <summary>A bad option or settings file.</summary>
    public const int Usage = 2;

    /// <summary>--fail-on LEVEL was reached.</summary>
    public const int FailOn = 3;
}
