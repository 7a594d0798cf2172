/** What a CLI command may touch besides the file system: its streams and working directory. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Relative paths in arguments resolve against this. */
  cwd: string;
  /** True when stdout is a terminal (colour). */
  isTTY: boolean;
  /**
   * Width of stderr when stderr is a terminal, where the progress bar is drawn; null or
   * absent when stderr is a file or pipe (progress then comes as plain lines).
   */
  stderrColumns?: number | null;
}

/** The real process streams. */
export function processIo(): CliIo {
  // A closed pipe (`listkeeper sort README.md | head`) is a normal way to stop reading.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    isTTY: process.stdout.isTTY === true,
    // The progress bar goes to stderr, so stderr decides: `links list.md > out.txt` still shows it.
    stderrColumns: process.stderr.isTTY === true ? process.stderr.columns || 80 : null,
  };
}
