namespace IamUeba.Core.CloudTrail;

/// <summary>
/// Where an event starts in its part (byte offset; line and byte in line, from 0), for an event
/// handed over unchecked: the worker that parses it says where it is wrong, as the reader would.
/// </summary>
public readonly record struct EventOrigin(long Offset, long Line, long Column);
