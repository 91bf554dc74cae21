import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../server/src/config.ts';

/** `npm start`'s server (`server/src/main.ts`) as a child process, as an operator runs it. */
export type ServerProcess = {
  /** the address it printed, with a trailing slash */
  url: string;
  child: ChildProcessWithoutNullStreams;
  /** everything it wrote to stdout and stderr so far */
  output(): string;
  /** the exit code once it has exited (null when killed by a signal); undefined while it runs */
  exitCode(): number | null | undefined;
  /** sends `signal` and waits for the exit */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

/** Starts the server with `env` on top of this process's environment and waits for its address. */
export async function startServerProcess(env: Record<string, string>, startMs = 60_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'server/src/main.ts')], {
    cwd: projectRoot,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  let exitCode: number | null | undefined;
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address printed:\n${output}`)), startMs);
    const look = () => {
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', look);
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`the server exited before it was ready:\n${output}`));
    });
  });
  return {
    url,
    child,
    output: () => output,
    exitCode: () => exitCode,
    stop: (signal = 'SIGTERM') => {
      if (exitCode === undefined) child.kill(signal);
      return exit;
    },
  };
}
