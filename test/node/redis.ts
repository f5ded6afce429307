// A throwaway redis-server from Debian's package for the tests: 127.0.0.1 only, a free port, no
// persistence; stopped by the test that started it.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, Socket } from 'node:net';

export const redisServerPath = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) =>
  existsSync(p),
);
/** .ci/run sets NEARDUP_REQUIRE_REDIS=1 after installing redis-server, so a missing server fails there. */
export const redisRequired = process.env.NEARDUP_REQUIRE_REDIS === '1';

export interface RedisServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(500);
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
  });
}

/** A redis-server on a free port, or on `port` (a server started again where one was stopped). */
export async function startRedis({
  port: given,
  args = [],
}: {
  port?: number;
  args?: string[];
} = {}): Promise<RedisServer> {
  if (!redisServerPath) throw new Error('redis-server not found: install the Debian package "redis-server"');
  const port = given ?? (await freePort());
  const child = spawn(
    redisServerPath,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--protected-mode',
      'yes',
      ...args,
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 300 && !(await answersPing(port)); i++) await new Promise((r) => setTimeout(r, 50));
  if (!(await answersPing(port))) throw new Error(`redis-server did not start on port ${port}`);
  return {
    url: `redis://127.0.0.1:${port}`,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGCONT');
        child.kill('SIGTERM');
      }),
  };
}
