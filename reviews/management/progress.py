"""The command line's progress bar for long imports and exports (on stderr)."""

from __future__ import annotations


class ProgressBar:
    """report(percent, message) drawn on stderr: redrawn in place on a terminal, otherwise
    (logs) one line per tenth and per phase; stdout keeps only the results."""

    width = 30

    def __init__(self, stream):
        self.stream = stream
        self.tty = stream.isatty()
        self.shown = None

    def __call__(self, percent: int, message: str) -> None:
        step = (percent if self.tty else percent // 10 * 10, message.split(" ", 1)[0])
        if step == self.shown:  # the same percent (tenth) of the same phase
            return
        self.shown = step
        filled = self.width * percent // 100
        line = f"[{'#' * filled}{'.' * (self.width - filled)}] {percent:3d}% {message}"
        # str: plain text, not the red that Django gives stderr on a terminal
        if self.tty:
            self.stream.write(f"\r{line[:119]:<119}", style_func=str, ending="")
        else:
            self.stream.write(line, style_func=str)
        self.stream.flush()

    def close(self) -> None:
        if self.tty and self.shown is not None:
            self.stream.write("", style_func=str)
