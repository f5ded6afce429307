// Redis Cluster's hash slot of a key (CRC16/XMODEM of its hash tag, mod 16,384), computed here so the
// cluster storage can group keys by the node that serves them before sending anything.

const TABLE = new Uint16Array(256);
for (let n = 0; n < 256; n++) {
  let crc = n << 8;
  for (let k = 0; k < 8; k++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  TABLE[n] = crc;
}

const encoder = new TextEncoder();

/** CRC16/XMODEM of a string's UTF-8 bytes. */
export function crc16(text: string): number {
  const bytes = encoder.encode(text);
  let crc = 0;
  for (let i = 0; i < bytes.length; i++) crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >>> 8) ^ bytes[i]) & 0xff];
  return crc;
}

/** The slot of a key: of the part between the first `{` and the next `}` when that part is not empty. */
export function keySlot(key: string): number {
  const open = key.indexOf('{');
  if (open >= 0) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) return crc16(key.slice(open + 1, close)) & 16383;
  }
  return crc16(key) & 16383;
}
