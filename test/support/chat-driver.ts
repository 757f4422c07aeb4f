import { expect } from "vitest";
import type { App } from "../../src/app.js";
import type { IncomingIdentity } from "../../src/conversation/router.js";
import type { Level } from "../../src/domain/competency.js";
import type { Inbound, Outbound } from "../../src/engine/types.js";
import { holds } from "./assessment-runs.js";

/** Talks to the app's conversation service the way a channel adapter does. */
export function chatDriver(app: () => App) {
  const send = (who: IncomingIdentity, inbound: Inbound) => app().conversations.handle(who, inbound);
  const cmd = (who: IncomingIdentity, command: string, args = "") =>
    send(who, { kind: "command", command, args });
  const text = (who: IncomingIdentity, t: string) => send(who, { kind: "text", text: t });
  const press = (who: IncomingIdentity, data: string) => send(who, { kind: "button", data });
  const all = (out: Outbound[]) => out.map((o) => o.text).join("\n");
  /** Sends a CSV document as a Telegram user attaches one (its bytes come from the registered file reader). */
  const csvFile = (who: IncomingIdentity, name: string, size: number) =>
    send(who, {
      kind: "file",
      file: { kind: "document", channel: "telegram", fileId: name, mime: "text/csv", name, size },
    });

  /**
   * Puts a person in the HR data as an import does (in the unit named as onboarding would pick it,
   * or keeping the record an earlier import made) and returns their activation code.
   */
  async function importedWithCode(
    name: string,
    nip: string,
    opts: { instansi?: string; unit?: string },
  ): Promise<string> {
    const { repos, activation } = app();
    let person = await repos.people.get((await repos.nipClaims.ownerOf(nip)) ?? "");
    if (!person) {
      const units = await repos.orgUnits.all();
      const instansi = units.find((u) => u.name === (opts.instansi ?? "Pemerintah Provinsi Jambi"));
      const unitName = (opts.unit ?? "Dinas Kesehatan › Bidang Pelayanan Kesehatan").split(" › ").at(-1);
      const unit = units.find((u) => u.instansiId === instansi?._id && u.name === unitName);
      if (!instansi || !unit)
        throw new Error(`onboard: no unit "${opts.unit}" in "${opts.instansi}" to import into`);
      person = await repos.people.create({
        name,
        nip,
        instansiId: instansi._id,
        unitId: unit._id,
        timeZone: "Asia/Jakarta",
      });
      await repos.nipClaims.claim(nip, person._id, new Date());
    }
    const [issued] = await activation.issue([person]);
    return issued!.code;
  }

  /**
   * Registers a person through the real onboarding flow with the given jabatan (typed to search).
   * By default the person is in the HR data and types their activation code, so instansi and unit
   * come from HR; `verified: false` registers without a code ("belum terverifikasi") and picks them.
   * `region` is typed only if Pandu asks the province, i.e. when the instansi states none;
   * `stillCpns` and `contractStart` only if Pandu asks them (a recent TMT CPNS, a PPPK).
   * Returns every reply, so a test can see which questions were asked.
   */
  async function onboard(
    who: IncomingIdentity,
    name: string,
    nip: string,
    opts: {
      instansi?: string;
      unit?: string;
      jabatan?: string;
      region?: string;
      modes?: string;
      stillCpns?: boolean;
      contractStart?: string;
      verified?: boolean;
    } = {},
  ): Promise<string> {
    const code = opts.verified === false ? undefined : await importedWithCode(name, nip, opts);
    const transcript: string[] = [all(await cmd(who, "start"))];
    const say = async (a: string) => {
      const reply = all(await text(who, a));
      transcript.push(reply);
      return reply;
    };
    await say("ya");
    await say(name);
    expect(await say(nip)).toContain("kode aktivasi");
    let afterNip: string;
    if (code) {
      await say("ya");
      afterNip = await say(code);
    } else afterNip = await say("tidak");
    if (/masih CPNS/.test(afterNip)) {
      if (opts.stillCpns === undefined)
        throw new Error("onboard: asked whether still CPNS, but stillCpns was not given");
      await say(opts.stillCpns ? "ya" : "tidak");
    } else if (/kontrak kerja Anda/.test(afterNip)) {
      if (!opts.contractStart)
        throw new Error("onboard: asked the contract start, but contractStart was not given");
      await say(opts.contractStart);
    }
    // HR's unit stands for someone activated; only a person without a code picks one.
    if (!code)
      for (const a of [
        opts.instansi ?? "Pemerintah Provinsi Jambi",
        opts.unit ?? "Dinas Kesehatan › Bidang Pelayanan Kesehatan",
      ])
        await say(a);
    // Typing part of a long list's option searches first; the second time picks it.
    let last = await say(opts.jabatan ?? "Kepala Seksi");
    if (/Apa jabatan/.test(last)) last = await say(opts.jabatan ?? "Kepala Seksi");
    if (/Di provinsi mana/.test(last)) {
      if (!opts.region) throw new Error("onboard: the province was asked but no region was given");
      last = await say(opts.region);
      if (/Di provinsi mana/.test(last)) last = await say(opts.region);
    } else if (opts.region) {
      expect(last, "the province follows the instansi, so it is not asked").not.toMatch(/provinsi/i);
    }
    expect(last).toContain("Zona waktu Anda");
    for (const a of ["ya", "Bahasa Indonesia"]) await say(a);
    expect(await say(opts.modes ?? "1,2")).toContain("Pendaftaran selesai");
    return transcript.join("\n");
  }

  /**
   * Takes /asesmen in the chat as someone who truly holds `truth` (2 where not given), answering
   * each statement the instrument asks; returns the last replies (the result).
   */
  async function takeAssessment(who: IncomingIdentity, truth: Record<string, number>): Promise<Outbound[]> {
    const { content } = app();
    const index = new Map<string, { c: string; l: Level; i: number }>();
    for (const c of content.allCompetencies)
      for (const l of [1, 2, 3, 4, 5] as const)
        for (let i = 0; i < content.instrument.count(c.code, l); i++)
          index.set(content.instrument.statement(c.code, l, i)!.id, { c: c.code, l, i });
    const answer = holds((c) => truth[c] ?? 2);
    await cmd(who, "asesmen");
    let out = await text(who, "ya");
    for (let n = 0; n < 80; n++) {
      const asked = index.get(out.at(-1)!.text.split("\n\n").at(-1)!);
      if (!asked) return out;
      out = await text(who, String(answer({ ...asked, n })));
    }
    throw new Error("the assessment never ended");
  }

  return { send, cmd, text, press, all, csvFile, onboard, takeAssessment };
}
