// `cachelab <command>`: dispatches to one module per command (docs/design.md §9). Returns the exit code.
const USAGE = `usage: cachelab <command> [options]

commands:
  request FILE|-   print the request body for an experiment (--provider to override)
  lint FILE|-      print the breakpoint analysis; exit 1 when caching would fail or the API would reject it
  emulate          run the prompt-cache emulator as a server (--port N, --host H)
`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  },
};

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "request":
      return (await import("./request")).runRequest(rest, io);
    case "lint":
      return (await import("./lint")).runLint(rest, io);
    case "emulate":
      return (await import("./emulate")).runEmulate(rest, io);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      io.stdout(USAGE);
      return command === undefined ? 1 : 0;
    default:
      io.stderr(`cachelab: unknown command "${command}"\n\n${USAGE}`);
      return 1;
  }
}
