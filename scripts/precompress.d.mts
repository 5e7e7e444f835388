/** Writes file.br and file.gz beside every compressible file of `dir` bigger than 1 KB, when they are smaller; returns how many files it compressed. */
export function precompress(dir: string): number;
