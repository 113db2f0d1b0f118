import { execa, type ResultPromise } from 'execa';

/** Starts a server process and resolves with the URL it prints on its first stdout line. */
export async function spawnReady(
  command: string,
  args: string[],
  pattern: RegExp,
  env?: Record<string, string>,
): Promise<{ url: string; child: ResultPromise }> {
  const child = execa(command, args, { stdin: 'ignore', stderr: 'inherit', reject: false, buffer: false, ...(env ? { env } : {}) });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (data: Buffer) => {
      seen += data.toString();
      const match = pattern.exec(seen);
      if (match) resolve(match[1] ?? match[0]);
    });
    child.once('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited (${code}) before it was ready: ${seen}`)));
  });
  return { url, child };
}
