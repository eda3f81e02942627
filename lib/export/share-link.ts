// The share link (docs/design.md §8): the experiment document compressed with lz-string into the URL
// fragment, which never reaches a server, with a checksum so a damaged link is refused instead of
// importing a silently changed experiment (issue 8 item 13).
//
// Format: `#cachelab=v2.<crc>.<payload>`
// - payload: lz-string's compressToEncodedURIComponent of the document (alphabet A–Z a–z 0–9 + - $);
// - crc: CRC-32 (IEEE 802.3, the `crc-32` package) of the payload's characters, 8 lowercase hex
//   digits. A CRC-32 detects every error burst of up to 32 bits, so any one changed character (8
//   bits) is always caught; any other damage passes with a chance of 1 in 2^32. It guards against
//   accidents (a link cut short, a character lost in a chat), not against a forger, who can make any
//   link anyway: a shared experiment is as trustworthy as whoever sent it.
// - the prefix differs from the older one in almost every position, so no small damage can turn a
//   checked link into an unchecked one.
//
// Links made before the checksum (`#experiment=<payload>`) still open, flagged `verified: false`, so
// the page can say that a damage in them cannot be detected: refusing them would lose every link
// already shared.
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from "lz-string";
import { str as crc32 } from "crc-32";
import { EXPERIMENT_FORMAT, parseExperimentJson, type Experiment } from "@/lib/cache/experiment-schema";
import { err, ok, type Result } from "@/lib/cache/result";

export const SHARE_PREFIX = "#cachelab=";
export const SHARE_VERSION = "v2";
/** Share links made before the checksum. */
export const LEGACY_SHARE_PREFIX = "#experiment=";

export interface SharedExperiment {
  experiment: Experiment;
  /** False for a link made before checksums: a damage in it cannot be detected. */
  verified: boolean;
}

const damaged = (why: string) =>
  err({ code: "invalid_share_link", message: `This share link is damaged: ${why}, so it was not opened. Copy the whole link again from where it was shared.` });

/** Lowercase hex CRC-32 of a string of ASCII characters. */
function checksum(payload: string): string {
  return (crc32(payload) >>> 0).toString(16).padStart(8, "0");
}

export function shareFragment(experiment: Experiment): string {
  const payload = compressToEncodedURIComponent(JSON.stringify({ ...experiment, format: EXPERIMENT_FORMAT }));
  return `${SHARE_PREFIX}${SHARE_VERSION}.${checksum(payload)}.${payload}`;
}

/**
 * Reads a share fragment back: null when the fragment is not a share link, an error when the link is
 * damaged or its experiment invalid. Never throws.
 */
export function readShareFragment(hash: string): Result<SharedExperiment> | null {
  if (hash.startsWith(LEGACY_SHARE_PREFIX)) return open(hash.slice(LEGACY_SHARE_PREFIX.length), false);
  if (!hash.startsWith(SHARE_PREFIX)) return null;
  const parts = hash.slice(SHARE_PREFIX.length).split(".");
  const [version, sum, rawPayload] = parts;
  if (parts.length !== 3 || !/^v\d+$/.test(version!)) return damaged("it is cut short or changed (its format is not recognised)");
  if (version !== SHARE_VERSION) {
    return err({ code: "invalid_share_link", message: `This share link was made by a newer version of CacheLab (share format ${version}), so this one cannot open it.` });
  }
  if (!/^[0-9a-f]{8}$/.test(sum!)) return damaged("its checksum is missing or changed");
  // Some chat tools turn "+" into a space; lz-string reads a space as "+", and so does the check.
  const payload = rawPayload!.replace(/ /g, "+");
  if (checksum(payload) !== sum) return damaged("its checksum does not match its content");
  return open(payload, true);
}

function open(payload: string, verified: boolean): Result<SharedExperiment> {
  let text: string | null;
  try {
    // lz-string throws on some characters outside its alphabet instead of returning null.
    text = decompressFromEncodedURIComponent(payload);
  } catch {
    text = null;
  }
  if (!text) return err({ code: "invalid_share_link", message: "This share link is damaged: its experiment could not be decompressed." });
  const parsed = parseExperimentJson(text);
  return parsed.ok ? ok({ experiment: parsed.value, verified }) : parsed;
}
