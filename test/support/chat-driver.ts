import { expect } from "vitest";
import type { App } from "../../src/app.js";
import type { IncomingIdentity } from "../../src/conversation/router.js";
import type { Inbound, Outbound } from "../../src/engine/types.js";

/** Talks to the app's conversation service the way a channel adapter does. */
export function chatDriver(app: () => App) {
  const send = (who: IncomingIdentity, inbound: Inbound) => app().conversations.handle(who, inbound);
  const cmd = (who: IncomingIdentity, command: string, args = "") =>
    send(who, { kind: "command", command, args });
  const text = (who: IncomingIdentity, t: string) => send(who, { kind: "text", text: t });
  const press = (who: IncomingIdentity, data: string) => send(who, { kind: "button", data });
  const all = (out: Outbound[]) => out.map((o) => o.text).join("\n");

  /** Registers a person through the real onboarding flow with the given jabatan (typed to search). */
  async function onboard(
    who: IncomingIdentity,
    name: string,
    nip: string,
    opts: { instansi?: string; unit?: string; jabatan?: string; region?: string; modes?: string } = {},
  ) {
    await cmd(who, "start");
    for (const a of [
      "ya",
      name,
      nip,
      opts.instansi ?? "Pemerintah Provinsi Jambi",
      opts.unit ?? "Dinas Kesehatan › Bidang Pelayanan Kesehatan",
      opts.jabatan ?? "Kepala Seksi",
      opts.region ?? "Jambi",
      "ya",
      "Bahasa Indonesia",
    ]) {
      // Typing part of a long list's option searches first; the second time picks it.
      if (/Apa jabatan/.test(all(await text(who, a)))) await text(who, a);
    }
    expect(all(await text(who, opts.modes ?? "1,2"))).toContain("Pendaftaran selesai");
  }

  return { send, cmd, text, press, all, onboard };
}
