#!/usr/bin/env python3
"""Hotspots of reader + aggregation from a Linux perf profile of the benchmark's profile mode.

    export DOTNET_PerfMapEnabled=1 DOTNET_ReadyToRun=0 DOTNET_EnableWriteXorExecute=0
    perf record -F 999 -g -o perf.data -- \
        dotnet tests/IamUeba.Benchmarks/bin/Release/net10.0/IamUeba.Benchmarks.dll profile 20 generated-records
    perf script -i perf.data | python3 tests/IamUeba.Benchmarks/hotspots.py

(PerfMapEnabled writes /tmp/perf-PID.map so perf can name JIT-compiled methods; ReadyToRun=0 makes
the framework's precompiled code go through the JIT too, so it is named; W^X off keeps JIT code out
of an anonymous double mapping perf cannot attribute.)

Only samples with ROOT on the stack (the profile loop, g__ProfileAsync, by default) count, so data set
preparation, JIT and idle threads do not dilute the shares. Three views, each in % of those samples:
  self:      the method on top of the stack (the CPU was in it);
  own code:  the nearest IamUeba method on the stack (its own work plus the BCL and runtime code it
             calls directly, such as Utf8JsonReader.Read under EventParser.ReadEvent, or the GC under
             an allocation);
  inclusive: IamUeba methods anywhere on the stack.
"""
import collections
import re
import sys

ROOT = sys.argv[1] if len(sys.argv) > 1 else "g__ProfileAsync"
TOP = 30


def name(frame):
    # "\t7f25ad37aa27 instance bool [System.Text.Json] System.Text.Json.Utf8JsonReader::Read()[Optimized] (/tmp/perf-1.map)"
    text = frame.split(None, 1)[1] if " " in frame.strip() else frame
    dso = re.search(r"\(([^()]*)\)$", text.strip())
    text = re.sub(r"\s+\([^()]*\)$", "", text.strip())
    if text.startswith("[unknown]") and dso:
        return "[unknown in " + dso.group(1).split("/")[-1] + "]"
    text = re.sub(r"\[(Optimized|OptimizedTier1|QuickJitted|PreJIT|Tier0|Tier1|Instrumented)[^\]]*\]", "", text)
    text = re.sub(r"\+0x[0-9a-f]+$", "", text.split("(")[0])
    text = re.sub(r"^(instance )?\S+( \S+)? \[[^\]]+\] ", "", text)  # return type and assembly
    for prefix in ("IamUeba.Core.", "System.Text.Json.", "System.Collections.Generic.", "System."):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return text[:100] or "?"


def samples(lines):
    stack = []
    for line in lines:
        if not line.strip():
            if stack:
                yield stack
            stack = []
        elif line.startswith(("\t", " ")):
            stack.append(line)
    if stack:
        yield stack


def main():
    total = 0
    self_time = collections.Counter()
    own = collections.Counter()
    inclusive = collections.Counter()
    for stack in samples(sys.stdin):
        frames = [name(f) for f in stack]  # leaf first
        if not any(ROOT in f for f in frames):
            continue
        total += 1
        self_time[frames[0]] += 1
        mine = next((f for f in frames if is_ours(f)), frames[0])
        own[mine] += 1
        for f in set(frames):
            if is_ours(f):
                inclusive[f] += 1

    print(f"{total} samples with {ROOT} on the stack")
    for title, counter in (("self", self_time), ("own code (nearest IamUeba method)", own), ("inclusive (IamUeba methods)", inclusive)):
        print(f"\n{title}:")
        for method, count in counter.most_common(TOP):
            print(f"  {100 * count / total:5.1f}%  {method}")


def is_ours(frame):
    return frame.startswith(("CloudTrail.", "Features.", "Principals.", "Rules.", "Scoring.", "Risk.", "Report."))


if __name__ == "__main__":
    main()
