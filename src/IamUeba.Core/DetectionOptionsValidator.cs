using System.ComponentModel.DataAnnotations;
using IamUeba.Core.Features;

namespace IamUeba.Core;

/// <summary>
/// Checks a <see cref="DetectionOptions"/> completely, naming each bad setting by its configuration
/// path (<c>IamUeba:Rules:R06:Threshold</c>) so a bad appsettings.json fails at start-up, clearly.
/// </summary>
public static class DetectionOptionsValidator
{
    public static IReadOnlyList<string> Validate(DetectionOptions options)
    {
        var errors = new List<string>();
        Check(options, DetectionOptions.SectionName, errors);
        Check(options.Ml, $"{DetectionOptions.SectionName}:Ml", errors);
        Check(options.Levels, $"{DetectionOptions.SectionName}:Levels", errors);
        Check(options.Limits, $"{DetectionOptions.SectionName}:Limits", errors);
        foreach (var key in Rules.RuleOptions.Keys)
        {
            Check(options.Rules.For(key), $"{DetectionOptions.SectionName}:Rules:{key}", errors);
        }

        if (TimeZoneResolver.Find(options.TimeZone) is null)
        {
            errors.Add($"{DetectionOptions.SectionName}:TimeZone: '{options.TimeZone}' is not an IANA time zone (for example UTC, Europe/Berlin, Asia/Seoul).");
        }

        if (options.BusinessHoursStart == options.BusinessHoursEnd % 24)
        {
            errors.Add($"{DetectionOptions.SectionName}:BusinessHoursStart and BusinessHoursEnd are equal: business hours would be empty.");
        }

        if (!(options.Levels.Medium < options.Levels.High && options.Levels.High < options.Levels.Critical))
        {
            errors.Add($"{DetectionOptions.SectionName}:Levels: Medium < High < Critical must hold (got {options.Levels.Medium}, {options.Levels.High}, {options.Levels.Critical}).");
        }

        if (options.Ml.Rank >= FeatureVector.Names.Count)
        {
            errors.Add($"{DetectionOptions.SectionName}:Ml:Rank: must be below the number of features ({FeatureVector.Names.Count}); got {options.Ml.Rank}.");
        }

        return errors;
    }

    private static void Check(object target, string path, List<string> errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(target, new ValidationContext(target), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames.DefaultIfEmpty(string.Empty))
            {
                errors.Add($"{path}:{member}: {result.ErrorMessage}");
            }
        }
    }
}
