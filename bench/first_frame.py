#!/usr/bin/env python3
"""Time from exec to the first painted list of the reader, in a pseudo-terminal.

usage: first_frame.py KIOSK DIR [RUNS [ARGS...]]   (prints the median and min-max in seconds)
ARGS are passed to the reader (e.g. --no-cache).
The screen counts as painted when the status bar's `shown/total` appears.
The harness's own floor: `first_frame.py /usr/bin/printf '\033[?1049h1/1 ' RUNS`
(a program that prints such a screen at once; bench/run.sh reports it).
"""
import fcntl, os, pty, re, select, signal, statistics, struct, sys, termios, time

STATUS = re.compile(rb"\d+/\d+ ")

def once(kiosk, folder, args):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        os.execv(kiosk, [kiosk, folder, *args])
    start = time.perf_counter()
    buf = b""
    elapsed = None
    while time.perf_counter() - start < 60:
        r, _, _ = select.select([fd], [], [], 0.5)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            buf += chunk
            screen = buf.split(b"\x1b[?1049h", 1)
            if len(screen) == 2 and STATUS.search(screen[1]):
                elapsed = time.perf_counter() - start
                break
    os.kill(pid, signal.SIGTERM)
    os.waitpid(pid, 0)
    os.close(fd)
    return elapsed

def main():
    kiosk, folder = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    args = sys.argv[4:]
    times = [t for t in (once(kiosk, folder, args) for _ in range(runs)) if t is not None]
    print(f"first frame: median {statistics.median(times):.4f} s (min {min(times):.4f}, max {max(times):.4f}, {len(times)} runs)")

main()
