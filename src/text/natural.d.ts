// natural ships no types for its submodules; neardup uses two shapes of them.
declare module 'natural/lib/natural/stemmers/*' {
  const stemmer: { stem(word: string): string };
  export default stemmer;
}
declare module 'natural/lib/natural/util/*' {
  export const words: string[];
  const list: { words: string[] };
  export default list;
}
