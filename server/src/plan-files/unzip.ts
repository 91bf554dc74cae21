import yauzl from 'yauzl';

/** A zip that cannot be read as one: not a zip, corrupt, or larger inside than allowed. */
export class UnreadableZip extends Error {}

export type ZipLimits = { maxEntries: number; maxTotalBytes: number };

/**
 * The files in a zip, by their path inside it (folders left out). Sizes are checked against the
 * entries' declared sizes before anything is inflated, and yauzl checks that each entry inflates
 * to exactly its declared size, so a zip bomb stops at the limit.
 */
export function readZip(buffer: Buffer, { maxEntries, maxTotalBytes }: ZipLimits): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (openError, zip) => {
      if (openError || !zip) {
        reject(new UnreadableZip(`not a readable zip (${openError?.message ?? 'no entries'})`));
        return;
      }
      const files = new Map<string, Buffer>();
      let entries = 0;
      let total = 0;
      const fail = (message: string) => {
        zip.close();
        reject(new UnreadableZip(message));
      };
      zip.on('error', (error: Error) => fail(`the zip is corrupt (${error.message})`));
      zip.on('end', () => resolve(files));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) {
          zip.readEntry();
          return;
        }
        entries += 1;
        total += entry.uncompressedSize;
        if (entries > maxEntries) return fail(`the zip holds more than ${maxEntries} files`);
        if (total > maxTotalBytes) return fail(`the zip unpacks to more than ${Math.round(maxTotalBytes / 1024 / 1024)} MB`);
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return fail(`${entry.fileName} cannot be read (${streamError?.message ?? 'no stream'})`);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', (error: Error) => fail(`${entry.fileName} cannot be read (${error.message})`));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}
