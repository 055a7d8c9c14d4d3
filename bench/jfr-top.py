#!/usr/bin/env python3
"""Where a JFR recording's CPU samples are: share per thread, then the top frames (self and inclusive).

    jcmd <pid> JFR.start duration=60s filename=/tmp/p.jfr settings=profile
    jfr print --events jdk.ExecutionSample --stack-depth 128 /tmp/p.jfr > /tmp/p.txt
    bench/jfr-top.py /tmp/p.txt [thread-substring] [frame-substring]
"""
import collections
import re
import sys

text = open(sys.argv[1]).read()
only_thread = sys.argv[2] if len(sys.argv) > 2 else ""
only_frame = sys.argv[3] if len(sys.argv) > 3 else ""
threads, self_time, inclusive = collections.Counter(), collections.Counter(), collections.Counter()
n = 0
for event in text.split("jdk.ExecutionSample {")[1:]:
    m = re.search(r'sampledThread = "([^"]*)"', event)
    thread = re.sub(r"\d+", "N", m.group(1)) if m else "?"
    threads[thread] += 1
    if only_thread not in thread:
        continue
    frames = re.findall(r"^\s+([\w$.<>/]+)\(.*?\)\s+line:", event, re.M)
    if not frames:
        continue
    n += 1
    self_time[frames[0]] += 1
    for f in set(frames):
        inclusive[f] += 1
total = sum(threads.values())
print(f"{total} samples")
for t, c in threads.most_common(10):
    print(f"{100 * c / total:5.1f}%  thread {t}")
print(f"--- top frames, self ({n} samples of threads matching '{only_thread}')")
for f, c in self_time.most_common(20):
    print(f"{100 * c / n:5.1f}%  {f}")
print(f"--- inclusive, frames matching '{only_frame}'")
for f, c in [x for x in inclusive.most_common() if only_frame in x[0]][:40]:
    print(f"{100 * c / n:5.1f}%  {f}")
