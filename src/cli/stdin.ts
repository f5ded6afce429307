import { Readable } from 'node:stream';

/** Every byte of a stream (standard input), once it has ended. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** A fresh stream of the same bytes at each call: standard input read twice (neardup dedup's two passes). */
export function replayable(bytes: Buffer): () => NodeJS.ReadableStream {
  return () => Readable.from([bytes]);
}
