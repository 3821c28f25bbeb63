namespace IamUeba.Core.CloudTrail;

/// <summary>
/// An event ran past the end of the buffer: the parse is abandoned and retried from the event's
/// start once the buffer holds more. It happens about once per buffer, so an exception costs less
/// than checking every read.
/// </summary>
internal sealed class NeedMoreData : Exception
{
    public static readonly NeedMoreData Instance = new();

    private NeedMoreData()
        : base("The event continues past the end of the buffer.")
    {
    }
}
