import type { IncomingFile } from "../engine/types.js";

/** Reads the bytes of a file a person sent, by the channel it came from. */
export type FileReader = (fileId: string) => Promise<Uint8Array>;

/**
 * The channels' file readers: services ask for a file's bytes without knowing the platform.
 * Channel adapters register theirs at start-up.
 */
export function createFileReaders() {
  const readers = new Map<string, FileReader>();
  return {
    /** Lets `channel`'s files be read with `reader`. */
    register(channel: string, reader: FileReader) {
      readers.set(channel, reader);
    },
    /** The file's bytes; throws when its channel cannot read files. */
    async read(file: Pick<IncomingFile, "channel" | "fileId">): Promise<Uint8Array> {
      const reader = readers.get(file.channel);
      if (!reader) throw new Error(`no file reader for ${file.channel}`);
      return reader(file.fileId);
    },
  };
}
export type FileReaders = ReturnType<typeof createFileReaders>;
