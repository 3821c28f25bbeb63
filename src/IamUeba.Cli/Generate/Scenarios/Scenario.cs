using IamUeba.Cli.Generate.Population;

namespace IamUeba.Cli.Generate.Scenarios;

/// <summary>
/// One attack, added on top of a principal's normal behaviour in a window. Each is modelled on
/// captured attacker behaviour (Stratus Red Team detonation logs in the shared corpus: event names,
/// error codes, ordering) and labelled with its MITRE ATT&amp;CK techniques.
/// </summary>
internal abstract class Scenario
{
    public abstract string Name { get; }

    public abstract IReadOnlyList<string> Mitre { get; }

    /// <summary>The Stratus Red Team techniques whose detonation logs the scenario follows.</summary>
    public abstract IReadOnlyList<string> Stratus { get; }

    public abstract string Description { get; }

    /// <summary>Whether the principal can be this scenario's victim (an IAM user with a key, a workload role...).</summary>
    public abstract bool Eligible(Principal p, PopulationModel model);

    /// <summary>How strongly to prefer a candidate (all eligible are possible).</summary>
    public virtual double Preference(Principal p, double expectedNormal) => 1;

    /// <summary>The number of events the attack adds, decided before the normal events are shared out.</summary>
    public abstract int Size(Random rng, double expectedNormal, GenerateSettings settings);

    /// <summary>Makes exactly <see cref="AttackContext.Size"/> events.</summary>
    public abstract void Plan(AttackContext c);
}
