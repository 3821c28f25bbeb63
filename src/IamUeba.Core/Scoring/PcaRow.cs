namespace IamUeba.Core.Scoring;

/// <summary>One principal's preprocessed feature vector, as ML.NET reads it.</summary>
internal sealed class PcaRow
{
    public float[] Features { get; set; } = [];
}
