// A small corpus shaped like /usr/share/doc/*/copyright, built in the test (no committed data): each
// package has a header, a Files paragraph and two description paragraphs of its own, and one of four
// licence paragraphs shared across packages word for word; three files are byte-identical (as libc-bin,
// libc-l10n and libc6 are), and one is another's copy with one word of one paragraph changed and
// three added (so it is the longer of the two).

export const LICENCES = [
  'This program is free software; you can redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation; either version 2 of the License, or (at your option) any later version. On Debian systems, the complete text of the GNU General Public License version 2 can be found in /usr/share/common-licenses/GPL-2.',
  'This library is free software; you can redistribute it and/or modify it under the terms of the GNU Lesser General Public License as published by the Free Software Foundation; either version 2.1 of the License, or (at your option) any later version. On Debian systems, the complete text can be found in /usr/share/common-licenses/LGPL-2.1.',
  'Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the Software), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software.',
  'Licensed under the Apache License, Version 2.0 (the License); you may not use this file except in compliance with the License. Unless required by applicable law or agreed to in writing, software distributed under the License is distributed on an AS IS BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND. On Debian systems, see /usr/share/common-licenses/Apache-2.0.',
];

const SYLLABLES =
  'ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu'.split(
    ' ',
  );

/** A deterministic pseudo-random sequence (a linear congruential generator). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** `count` words of 2–4 syllables: a paragraph of a package's own. */
function ownWords(next: () => number, count: number): string {
  return Array.from({ length: count }, () =>
    Array.from(
      { length: 2 + Math.floor(next() * 3) },
      () => SYLLABLES[Math.floor(next() * SYLLABLES.length)],
    ).join(''),
  ).join(' ');
}

export interface DebianLike {
  /** File name (without folder) → text, in name order. */
  files: Map<string, string>;
  /** Names of the byte-identical files, in name order. */
  identical: string[];
  /** The edited copy and the file it copies. */
  edited: { copy: string; of: string };
  /** The licence paragraph (index into LICENCES) of each file. */
  licenceOf: Map<string, number>;
}

export function debianLike(packages = 24): DebianLike {
  const next = random(7);
  const files = new Map<string, string>();
  const licenceOf = new Map<string, number>();
  const make = (file: string, licence: number) => {
    const name = file.replace('.copyright', '');
    const text = [
      `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: ${name}\nComment: ${ownWords(next, 8)}`,
      `Files: *\nCopyright: ${1990 + Math.floor(next() * 30)} ${ownWords(next, 3)} <${name}@example.org>\nLicense: L${licence}`,
      ownWords(next, 60),
      ownWords(next, 45),
      `License: L${licence}\n ${LICENCES[licence]}`,
    ].join('\n\n');
    licenceOf.set(file, licence);
    return `${text}\n`;
  };
  for (let i = 0; i < packages; i++) {
    const name = `pkg${String(i).padStart(2, '0')}`;
    files.set(`${name}.copyright`, make(`${name}.copyright`, i % LICENCES.length));
  }
  const identical = ['libc-bin.copyright', 'libc-l10n.copyright', 'libc6.copyright'];
  const libc = make(identical[0], 0);
  for (const name of identical) {
    files.set(name, libc);
    licenceOf.set(name, 0);
  }
  // pkg03 with one word of its 60-word paragraph changed and three added.
  const source = files.get('pkg03.copyright') as string;
  const parts = source.split('\n\n');
  const words = parts[2].split(' ');
  words[29] = 'changed';
  parts[2] = `${words.join(' ')} and three more`;
  files.set('pkg03x.copyright', parts.join('\n\n'));
  licenceOf.set('pkg03x.copyright', licenceOf.get('pkg03.copyright') as number);
  const sorted = new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    files: sorted,
    identical,
    edited: { copy: 'pkg03x.copyright', of: 'pkg03.copyright' },
    licenceOf,
  };
}
