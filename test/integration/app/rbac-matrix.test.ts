import readXlsxFile from "read-excel-file/node";
import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Completion, Delivery } from "../../../src/db/models/index.js";
import type { StaffRole } from "../../../src/domain/scope.js";
import type { Outbound } from "../../../src/engine/types.js";
import { activationButton } from "../../../src/features/activation/person-verification.js";
import { broadcastButton, unansweredButton } from "../../../src/features/broadcasts/broadcasts.js";
import { nonResponderButton } from "../../../src/features/campaigns/campaigns.js";
import { inviteButton } from "../../../src/features/deep-links/invitations.js";
import { digestButton } from "../../../src/features/digest/coordinator-digest.js";
import { exportButton } from "../../../src/features/export/people-export.js";
import { ATTENDANCE_COLUMNS } from "../../../src/features/roster/attendance-sheet.js";
import { rosterButton } from "../../../src/features/roster/roster.js";
import { summaryButton, unitKey } from "../../../src/features/summaries/summary-report.js";
import { unitMoveButton } from "../../../src/features/unit-moves/unit-moves.js";
import { listButton } from "../../../src/features/verification/buttons.js";
import { placeRequestButton } from "../../../src/features/verification/place-request-list.js";
import { recordArgs } from "../../../src/features/verification/record-access.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { shortKey } from "../../../src/services/course-catalog.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";
import { declaredApp } from "../../support/declarations.js";

/**
 * The RBAC matrix: every staff declaration (command, variant, button, flow started by a button)
 * × every role that may use it (its declared roles and admin) × in scope / out of scope. The
 * staff member in scope holds the role on Sekretariat Daerah, where the sentinel person works,
 * and is served: sees the sentinel's records, acts on them. The same role held on a sibling unit
 * (BKPSDM) or on another instansi (Jambi) is refused or sees nothing of Sekretariat Daerah: no
 * reply names the sentinel or shows their NIP, and nothing of theirs changes. The cells are built
 * from the declarations, so a new staff command without a scenario here fails the first test.
 * (Who may use a command at all is access.test.ts's table; this file is about where.)
 */
const translator = loadTranslations(LOCALES_DIR);
const t = (key: string, args?: Record<string, string>) => translator.t("id", key, args);
const ctx = useTestDatabase();
let app: App;
const clock = new Date("2026-11-25T02:00:00Z");

/** What Pandu said to staff in the current cell: an out-of-scope cell checks none of it leaks. */
let heard: Outbound[] = [];
const driver = chatDriver(() => app);
const hear = async (out: Promise<Outbound[]>) => {
  const got = await out;
  heard.push(...got);
  return got;
};
const cmd = (who: IncomingIdentity, command: string, args = "") => hear(driver.cmd(who, command, args));
const text = (who: IncomingIdentity, words: string) => hear(driver.text(who, words));
const press = (who: IncomingIdentity, data: string) => hear(driver.press(who, data));
const csvFile = (who: IncomingIdentity, name: string, size: number) => hear(driver.csvFile(who, name, size));
const { all } = driver;
const printed = (out: Outbound[]) =>
  out.map((o) => `${o.text}\n${o.media ? Buffer.from(o.media.bytes).toString("utf8") : ""}`).join("\n");
/** The cells of every Excel file in the replies, as text (the blanket check cannot read inside a zip). */
const sheetsOf = async (out: Outbound[]) => {
  const cells: string[] = [];
  for (const o of out)
    if (o.media?.filename.endsWith(".xlsx"))
      for (const sheet of await readXlsxFile(Buffer.from(o.media.bytes)))
        cells.push(...sheet.data.flat().map(String));
  return cells.join("\n");
};
const labels = (out: Outbound[]) => out.flatMap((o) => (o.choices ?? []).flat()).map((c) => c.label);

/** The sentinel: works in Sekretariat Daerah; nobody outside it may see or touch them. */
const SENTINEL = "Sentinel Setda Purnamasari";
const SENTINEL_NIP = "198501012010011777";
const SETDA = "mataram.setda";
let sentinelId = "";

type Scope = "in" | "sibling" | "instansi";
const SCOPES: Record<Scope, { unit: string; label: string }> = {
  in: { unit: SETDA, label: `in scope (${SETDA})` },
  sibling: { unit: "mataram.bkpsdm", label: "out of scope (sibling unit mataram.bkpsdm)" },
  instansi: { unit: "jambi", label: "out of scope (other instansi jambi)" },
};
const OUT: Scope[] = ["sibling", "instansi"];

/** A staff member: their role held on the unit they work in, with a Telegram and a Slack account. */
interface Staff {
  role: StaffRole;
  scope: Scope;
  personId: string;
  name: string;
  tg: IncomingIdentity;
  slack: IncomingIdentity;
}
const staff = new Map<string, Staff>();
const staffOf = (role: StaffRole, scope: Scope) => staff.get(`${role}/${scope}`)!;

/** One staff declaration, as the registry has it. */
interface Decl {
  key: string;
  label: string;
  roles: StaffRole[];
}

/**
 * Every staff declaration of the features: commands and variants whose access names staff roles,
 * buttons, and flows no staff command starts (those a button starts). Each with the roles that may
 * use it: the declared ones and admin (an admin holds every role in their subtree).
 */
function staffDeclarations(a: Pick<App, "registry" | "catalog">): Decl[] {
  const decls: Decl[] = [];
  const rolesOf = (access: unknown): StaffRole[] | undefined =>
    Array.isArray(access) ? [...new Set([...(access as StaffRole[]), "admin" as const])] : undefined;
  for (const c of a.registry.commands()) {
    const roles = rolesOf(c.access);
    if (roles) decls.push({ key: `command:${c.name}`, label: `/${c.name}`, roles });
    for (const v of c.variants ?? []) {
      const vRoles = rolesOf(v.access);
      const shown = v.name.startsWith(`${c.name}-`) ? v.name.slice(c.name.length + 1) : v.name;
      if (vRoles) decls.push({ key: `variant:${v.name}`, label: `/${c.name} ${shown}`, roles: vRoles });
    }
  }
  for (const b of a.registry.buttons()) {
    const roles = rolesOf(b.access);
    if (roles)
      decls.push({ key: `button:${b.codec.prefix}`, label: `button ${b.codec.name} (/${b.command})`, roles });
  }
  for (const flow of a.catalog.all()) {
    const owner = a.registry.flowAccess(flow.id);
    const roles = rolesOf(owner.access);
    if (!roles || a.registry.command(owner.command)?.flow === flow.id) continue;
    decls.push({ key: `flow:${flow.id}`, label: `flow ${flow.id} (/${owner.command})`, roles });
  }
  return decls;
}

/** How one declaration is tried: served in scope, refused or blind out of it. */
interface Scenario {
  /** The staff member in scope is served: asserts what they see or change. */
  inScope(s: Staff): Promise<void>;
  /** The same role out of scope: asserts refusal, or nothing of Sekretariat Daerah, and no change. */
  outOfScope(s: Staff): Promise<void>;
}

let seq = 0;
/** A training record of the sentinel's, waiting for a koordinator (made fresh for each cell). */
async function pendingRecord(): Promise<Completion> {
  const c: Completion = {
    _id: `${sentinelId}|self|matrix${++seq}`,
    personId: sentinelId,
    source: "self",
    title: `Seminar Sentinel ${seq}`,
    method: "seminar",
    kind: "nonklasikal",
    competencyType: "teknis",
    jp: 4,
    completedOn: "2026-11-20",
    year: 2026,
    recordedAt: clock,
    state: "pending",
  };
  await ctx.repos.completions.insert(c);
  return c;
}
const stateOf = async (c: Completion) => (await ctx.repos.completions.get(c._id))?.state;

/** A request of the sentinel's for a place in a course, waiting for a koordinator. */
async function placeRequest() {
  const key = `mx${++seq}`;
  await ctx.repos.placeRequests.open({
    _id: `pr-${key}`,
    key,
    personId: sentinelId,
    courseId: "c-matrix",
    sessionId: `s-matrix-${key}`,
    title: `Pelatihan Sentinel ${seq}`,
    unitId: SETDA,
    requestedAt: clock,
    state: "pending",
  });
  return { key, state: async () => (await ctx.repos.placeRequests.byKey(key))?.state };
}

const SENTINEL_SESSION = "Pelatihan Rekap Sentinel";
/** The sentinel's place in a session two days ahead, which a coordinator's digest lists. */
async function sentinelPlace() {
  const startsAt = new Date(clock.getTime() + 2 * 86_400_000);
  await ctx.repos.enrollments.enroll(
    {
      personId: sentinelId,
      courseId: "c-rekap",
      sessionId: "s-rekap",
      title: SENTINEL_SESSION,
      jp: 8,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 8 * 3_600_000),
      timeZone: "Asia/Makassar",
      enrolledAt: clock,
    },
    30,
  );
}
/** The session /peserta is tried on: another provider's course, the sentinel enrolled in it. */
const ROSTER_COURSE = "Pelatihan Roster Matriks";
const ROSTER_SESSION = "roster-matriks@202611200800";
const rosterKey = shortKey(ROSTER_SESSION);
const sentinelMark = async () => (await ctx.repos.enrollments.get(ROSTER_SESSION, sentinelId))?.checkedIn;

/** Someone who registered without an activation code, saying they work in Sekretariat Daerah. */
async function unverifiedInSetda() {
  const p = await ctx.repos.people.create({
    name: `${SENTINEL} Mandiri ${++seq}`,
    declaredNip: `1985010120100199${String(seq).padStart(2, "0")}`,
    unverified: true,
    timeZone: "Asia/Makassar",
    unitId: SETDA,
    instansiId: "mataram",
    onboardedAt: clock,
  });
  return { id: p._id, name: p.name, unverified: async () => (await ctx.repos.people.get(p._id))?.unverified };
}

/** Someone HR imported into Sekretariat Daerah who has not registered yet. */
async function importedInSetda() {
  const nip = `198501012010012${String(800 + ++seq).slice(-3)}`;
  const p = await ctx.repos.people.create({
    name: `${SENTINEL} Impor ${seq}`,
    nip,
    timeZone: "Asia/Makassar",
    unitId: SETDA,
    instansiId: "mataram",
  });
  await ctx.repos.nipClaims.claim(nip, p._id, clock);
  return { nip, code: () => ctx.repos.activationCodes.forPerson(p._id) };
}

/** A request of someone working directly under the city to move into Sekretariat Daerah. */
async function moveIntoSetda() {
  const mover = await ctx.repos.people.create({
    name: `${SENTINEL} Pindah ${++seq}`,
    nip: `1985010120100177${String(seq).padStart(2, "0")}`,
    timeZone: "Asia/Makassar",
    unitId: "mataram",
    instansiId: "mataram",
    onboardedAt: clock,
  });
  const move = await ctx.repos.unitMoves.open({
    personId: mover._id,
    fromUnitId: "mataram",
    fromInstansiId: "mataram",
    toUnitId: SETDA,
    toInstansiId: "mataram",
    requestedAt: clock,
    state: "pending",
  });
  return { id: move._id, unit: async () => (await ctx.repos.people.get(mover._id))?.unitId };
}

/** A scheduled broadcast to Sekretariat Daerah, by the koordinator in scope. */
async function broadcastToSetda(): Promise<{ id: string; text: string }> {
  const id = `b-matrix-${++seq}`;
  const body = `Siaran Setda nomor ${seq}`;
  await ctx.repos.broadcasts.create({
    _id: id,
    createdBy: staffOf("koordinator", "in").personId,
    createdByIdentity: staffOf("koordinator", "in").tg.id,
    text: body,
    audience: { kind: "all" },
    scopeRoots: [SETDA],
    recipients: 1,
    dueAt: new Date(clock.getTime() + 86_400_000),
    status: "scheduled",
    createdAt: clock,
  });
  return { id, text: body };
}

/** A broadcast to Sekretariat Daerah asking "Sudah dibaca", delivered to the sentinel, who has not answered. */
async function answerableBroadcastToSetda(): Promise<string> {
  const { id } = await broadcastToSetda();
  await ctx.db.models.Broadcast.updateOne({ _id: id }, { $set: { ack: "read" } }).exec();
  const key = `broadcast.${id}:${id}:${sentinelId}`;
  await ctx.repos.deliveries.enqueue(
    {
      _id: key,
      purpose: `broadcast.${id}`,
      personId: sentinelId,
      identityId: "telegram:sentinel",
      channel: "telegram",
      address: "1",
      message: { text: "Siaran" },
      dueAt: clock,
    },
    clock,
  );
  await ctx.repos.deliveries.finish((await ctx.repos.deliveries.get(key))!, "sent", clock);
  return id;
}

/** Sends `csv` to an /impor the admin started; returns what Pandu said. */
async function importAs(who: IncomingIdentity, csv: string): Promise<string> {
  app.files.register("telegram", async () => new TextEncoder().encode(csv));
  await cmd(who, "impor");
  const said = all(await csvFile(who, "data.csv", csv.length));
  await driver.cmd(who, "batal");
  return said;
}

/** The sentinel's record as it stands: roles, NIP, unit. */
const sentinelNow = async () => {
  const p = (await ctx.repos.people.get(sentinelId))!;
  return { roles: p.roles.map((r) => `${r.role}@${r.unitId}`), nip: p.nip, unitId: p.unitId };
};

/** Messages waiting for the sentinel (a broadcast to them shows here). */
const toSentinel = async () => {
  const { waiting, logged } = await ctx.repos.deliveries.ofPerson(sentinelId);
  return [...waiting, ...logged].map((d) => d.message.text);
};
const postsTo = async (channelId: string) =>
  ctx.db.models.Delivery.find({ channel: "slack", address: channelId }).lean<Delivery[]>().exec();

/**
 * /umumkan from Slack to everyone in the coordinator's scope, asking to post to `channel` too;
 * returns the channels offered, the answer to the channel typed, and what the confirmation said.
 * When the channel is refused, the broadcast goes on without one.
 */
async function announce(s: Staff, message: string, channel: string) {
  const who = s.slack;
  await driver.cmd(who, "batal");
  await cmd(who, "umumkan");
  await text(who, message);
  await text(who, "lewati");
  await text(who, "Semua orang dalam cakupan saya");
  const offered = labels(await text(who, "Ya, pilih kanalnya"));
  const picked = all(await text(who, channel));
  // Refused: back to the question, and on without a channel (the people are still told).
  if (!picked.includes("Minta penerima menjawab")) {
    await text(who, "kembali");
    await text(who, "Tidak perlu");
  }
  await text(who, "Tidak perlu dijawab");
  await text(who, "Kirim sekarang");
  const sent = all(await text(who, "ya"));
  await driver.cmd(who, "batal");
  return { offered, picked, sent };
}

const scenarios: Record<string, Scenario> = {
  "command:aktivasi": {
    async inScope(s) {
      const u = await unverifiedInSetda();
      expect(all(await cmd(s.tg, "aktivasi"))).toContain(u.name);
    },
    async outOfScope(s) {
      await unverifiedInSetda();
      expect(all(await cmd(s.tg, "aktivasi"))).not.toContain(SENTINEL);
    },
  },
  "variant:aktivasi-nip": {
    async inScope(s) {
      const p = await importedInSetda();
      expect(all(await cmd(s.tg, "aktivasi", p.nip))).toMatch(/[A-Z2-9]{5}-[A-Z2-9]{5}/);
      expect(await p.code()).not.toBeNull();
    },
    async outOfScope(s) {
      const p = await importedInSetda();
      expect(all(await cmd(s.tg, "aktivasi", p.nip))).toContain(t("activation-nip-unknown"));
      expect(await p.code()).toBeNull();
    },
  },
  "button:akt": {
    async inScope(s) {
      const u = await unverifiedInSetda();
      expect(all(await press(s.tg, activationButton.pack("verify", u.id)))).toContain("sudah diverifikasi");
      expect(await u.unverified()).toBeUndefined();
    },
    async outOfScope(s) {
      const u = await unverifiedInSetda();
      expect(all(await press(s.tg, activationButton.pack("verify", u.id)))).toContain(
        t("activation-verify-out-of-scope"),
      );
      expect(await u.unverified()).toBe(true);
    },
  },
  "command:undangan": {
    async inScope(s) {
      const out = all(await cmd(s.tg, "undangan"));
      expect(out).toContain("Sekretariat Daerah");
      expect(out).toMatch(/t\.me\/PanduBot\?start=r/);
    },
    async outOfScope(s) {
      expect(all(await cmd(s.tg, "undangan"))).not.toContain("Sekretariat Daerah");
    },
  },
  "button:udg": {
    async inScope(s) {
      expect(all(await press(s.tg, inviteButton.pack("make", SETDA)))).toMatch(/t\.me\/PanduBot\?start=r/);
    },
    async outOfScope(s) {
      const out = all(await press(s.tg, inviteButton.pack("make", SETDA)));
      expect(out).toBe(t("invite-out-of-scope"));
    },
  },
  "command:pindah": {
    async inScope(s) {
      await moveIntoSetda();
      expect(all(await cmd(s.tg, "pindah"))).toContain(`${SENTINEL} Pindah`);
    },
    async outOfScope(s) {
      await moveIntoSetda();
      expect(all(await cmd(s.tg, "pindah"))).not.toContain(SENTINEL);
    },
  },
  "button:umv": {
    async inScope(s) {
      const m = await moveIntoSetda();
      await press(s.tg, unitMoveButton.pack("approve", m.id));
      expect(await m.unit()).toBe(SETDA);
    },
    async outOfScope(s) {
      const m = await moveIntoSetda();
      await press(s.tg, unitMoveButton.pack("approve", m.id));
      expect(await m.unit()).toBe("mataram");
      expect((await ctx.repos.unitMoves.get(m.id))?.state).toBe("pending");
    },
  },
  "command:umumkan": {
    async inScope(s) {
      const message = `Umumkan dari ${s.role} dalam cakupan`;
      const { offered, sent } = await announce(s, message, "#setda-info");
      expect(offered).toContain("#setda-info");
      expect(sent).toContain("dikirim ke");
      expect(await toSentinel()).toContain(message);
      expect((await postsTo("C0SETDA")).map((d) => d.message.text)).toContain(message);
    },
    async outOfScope(s) {
      const message = `Umumkan dari ${s.role} di ${s.scope}`;
      const { offered, picked, sent } = await announce(s, message, "#setda-info");
      // Sekretariat Daerah's channel is not theirs to post to: not offered, and not taken when typed.
      expect(offered).not.toContain("#setda-info");
      expect(picked).toContain("Tidak ada pilihan yang cocok");
      expect(sent).toContain("dikirim ke");
      // Everyone in their scope is not the sentinel.
      expect(await toSentinel()).not.toContain(message);
      expect((await postsTo("C0SETDA")).map((d) => d.message.text)).not.toContain(message);
    },
  },
  "command:siaran": {
    async inScope(s) {
      const b = await broadcastToSetda();
      expect(all(await cmd(s.tg, "siaran"))).toContain(b.text);
    },
    async outOfScope(s) {
      const b = await broadcastToSetda();
      expect(all(await cmd(s.tg, "siaran"))).not.toContain(b.text);
    },
  },
  "button:brd": {
    async inScope(s) {
      const b = await broadcastToSetda();
      expect(all(await press(s.tg, broadcastButton.pack("cancel", shortKey(b.id))))).not.toContain(
        t("brd-gone"),
      );
      expect((await ctx.repos.broadcasts.get(b.id))!.status).toBe("cancelled");
    },
    async outOfScope(s) {
      const b = await broadcastToSetda();
      expect(all(await press(s.tg, broadcastButton.pack("cancel", shortKey(b.id))))).toContain(t("brd-gone"));
      expect((await ctx.repos.broadcasts.get(b.id))!.status).toBe("scheduled");
    },
  },
  "button:brn": {
    async inScope(s) {
      const id = await answerableBroadcastToSetda();
      expect(all(await press(s.tg, unansweredButton.pack("page", id, 0)))).toContain(SENTINEL);
    },
    async outOfScope(s) {
      const id = await answerableBroadcastToSetda();
      expect(all(await press(s.tg, unansweredButton.pack("page", id, 0)))).toContain(t("brd-gone"));
    },
  },
  "command:verifikasi": {
    async inScope(s) {
      const c = await pendingRecord();
      const r = await placeRequest();
      const said = all(await cmd(s.tg, "verifikasi"));
      expect(said).toContain(c.title);
      expect(said).toContain(SENTINEL);
      expect(said).toContain(`Pelatihan Sentinel`);
      expect(await r.state()).toBe("pending");
    },
    async outOfScope(s) {
      await pendingRecord();
      await placeRequest();
      const said = all(await cmd(s.tg, "verifikasi"));
      expect(said).not.toContain("Seminar Sentinel");
      expect(said).not.toContain("Pelatihan Sentinel");
    },
  },
  "button:vrf": {
    async inScope(s) {
      const c = await pendingRecord();
      expect(all(await press(s.tg, listButton.pack("certificate", ...recordArgs(c))))).not.toContain(
        t("verification-out-of-scope"),
      );
      expect(all(await press(s.tg, listButton.pack("verify", ...recordArgs(c))))).toContain("Diverifikasi");
      expect(await stateOf(c)).toBe("verified");
    },
    async outOfScope(s) {
      const c = await pendingRecord();
      for (const action of ["verify", "certificate", "giveBack"] as const)
        expect(all(await press(s.tg, listButton.pack(action, ...recordArgs(c)))), action).toContain(
          t("verification-out-of-scope"),
        );
      await driver.cmd(s.tg, "batal");
      expect(await stateOf(c)).toBe("pending");
    },
  },
  "flow:kembalikan": {
    async inScope(s) {
      const c = await pendingRecord();
      await press(s.tg, listButton.pack("giveBack", ...recordArgs(c)));
      await text(s.tg, "Sertifikatnya tidak terbaca, mohon unggah ulang.");
      expect(await stateOf(c)).toBe("returned");
    },
    async outOfScope(s) {
      const c = await pendingRecord();
      // The flow is only reached by the button, refused above; started bare, it returns nothing.
      await press(s.tg, "start|kembalikan");
      await text(s.tg, "Sertifikatnya tidak terbaca, mohon unggah ulang.");
      await driver.cmd(s.tg, "batal");
      expect(await stateOf(c)).toBe("pending");
    },
  },
  "button:prq": {
    async inScope(s) {
      const r = await placeRequest();
      // No such session: the approval is answered on its merits, not refused for scope.
      expect(all(await press(s.tg, placeRequestButton.pack("approve", r.key)))).not.toContain(
        t("place-request-out-of-scope"),
      );
    },
    async outOfScope(s) {
      const r = await placeRequest();
      expect(all(await press(s.tg, placeRequestButton.pack("approve", r.key)))).toContain(
        t("place-request-out-of-scope"),
      );
      await press(s.tg, placeRequestButton.pack("decline", r.key));
      await text(s.tg, "Kuota pelatihan ini sudah penuh.");
      await driver.cmd(s.tg, "batal");
      expect(await r.state()).toBe("pending");
    },
  },
  "flow:tolak-pengajuan": {
    async inScope(s) {
      const r = await placeRequest();
      await press(s.tg, placeRequestButton.pack("decline", r.key));
      expect(all(await text(s.tg, "Kuota pelatihan ini sudah penuh."))).toContain(SENTINEL);
      expect(await r.state()).toBe("declined");
    },
    async outOfScope(s) {
      const r = await placeRequest();
      await press(s.tg, placeRequestButton.pack("decline", r.key));
      expect(all(await text(s.tg, "Kuota pelatihan ini sudah penuh."))).toContain(
        t("place-request-out-of-scope"),
      );
      expect(await r.state()).toBe("pending");
    },
  },
  "command:ringkasan": {
    async inScope(s) {
      const said = all(await cmd(s.tg, "ringkasan", SETDA));
      expect(said).not.toContain(t("summary-out-of-scope"));
      expect(said).toContain("Sekretariat Daerah");
    },
    async outOfScope(s) {
      expect(all(await cmd(s.tg, "ringkasan", SETDA))).toContain(t("summary-out-of-scope"));
      expect(all(await cmd(s.tg, "ringkasan"))).not.toContain("Sekretariat Daerah");
    },
  },
  "button:rks": {
    async inScope(s) {
      const said = all(await press(s.tg, summaryButton.pack("unit", unitKey(SETDA), 2026)));
      expect(said).not.toContain(t("summary-out-of-scope"));
      expect(said).toContain("Sekretariat Daerah");
    },
    async outOfScope(s) {
      for (const data of [summaryButton.pack("unit", unitKey(SETDA), 2026), `rks|w|on|${unitKey(SETDA)}`])
        expect(all(await press(s.tg, data)), data).toContain(t("summary-out-of-scope"));
      expect((await ctx.repos.people.get(s.personId))!.weeklySummary).toBeUndefined();
    },
  },
  "command:rekap": {
    async inScope(s) {
      await sentinelPlace();
      const said = all(await cmd(s.tg, "rekap"));
      expect(said).toContain("Sekretariat Daerah");
      expect(said).toContain(SENTINEL_SESSION);
    },
    async outOfScope(s) {
      await sentinelPlace();
      const said = all(await cmd(s.tg, "rekap"));
      expect(said).not.toContain("Sekretariat Daerah");
      expect(said).not.toContain(SENTINEL_SESSION);
    },
  },
  "button:rkp": {
    async inScope(s) {
      expect(all(await press(s.tg, digestButton.pack("on")))).toContain(t("digest-subscribed"));
      expect((await ctx.repos.people.get(s.personId))!.coordinatorDigest).toBeDefined();
      expect(all(await press(s.tg, digestButton.pack("off")))).toContain(t("digest-stopped"));
      expect((await ctx.repos.people.get(s.personId))!.coordinatorDigest).toBeUndefined();
    },
    async outOfScope(s) {
      // The digest covers the subscriber's own units: subscribing elsewhere reveals nothing here.
      await press(s.tg, digestButton.pack("on"));
      await press(s.tg, digestButton.pack("off"));
      expect((await ctx.repos.people.get(s.personId))!.coordinatorDigest).toBeUndefined();
    },
  },
  "command:ekspor": {
    async inScope(s) {
      expect(printed(await cmd(s.tg, "ekspor"))).toContain(SENTINEL_NIP);
    },
    async outOfScope(s) {
      // The blanket check of every out-of-scope cell reads the CSV for the NIP and the name.
      await cmd(s.tg, "ekspor");
    },
  },
  "button:eks": {
    async inScope(s) {
      expect(await sheetsOf(await press(s.tg, exportButton.pack("xlsx")))).toContain(SENTINEL_NIP);
    },
    async outOfScope(s) {
      const cells = await sheetsOf(await press(s.tg, exportButton.pack("xlsx")));
      expect(cells).not.toContain(SENTINEL);
      expect(cells).not.toContain(SENTINEL_NIP);
    },
  },
  "command:peran": {
    async inScope(s) {
      expect(all(await cmd(s.tg, "peran", `beri ${SENTINEL_NIP} koordinator ${SETDA}`))).toContain(
        "kini memegang peran koordinator",
      );
      expect((await sentinelNow()).roles).toEqual([`koordinator@${SETDA}`]);
      expect(all(await cmd(s.tg, "peran", `cabut ${SENTINEL_NIP} koordinator ${SETDA}`))).toContain(
        "dicabut",
      );
      expect((await sentinelNow()).roles).toEqual([]);
    },
    async outOfScope(s) {
      const before = await sentinelNow();
      const own = SCOPES[s.scope].unit;
      for (const args of [
        `beri ${SENTINEL_NIP} koordinator ${SETDA}`,
        `beri ${SENTINEL_NIP} koordinator ${own}`,
        `cabut ${SENTINEL_NIP} koordinator ${own}`,
        `lepas-nip ${SENTINEL_NIP}`,
      ])
        expect(all(await cmd(s.tg, "peran", args)), args).toContain("di luar cakupan");
      expect(labels(await cmd(s.tg, "peran", "beri Sentinel"))).toEqual(
        expect.not.arrayContaining([SENTINEL]),
      );
      expect(await sentinelNow()).toEqual(before);
    },
  },
  "button:per": {
    async inScope(s) {
      expect(all(await press(s.tg, `per|gp|${sentinelId}`))).toContain(
        `Peran apa yang akan diberikan kepada ${SENTINEL}?`,
      );
    },
    async outOfScope(s) {
      const before = await sentinelNow();
      for (const data of [
        `per|gp|${sentinelId}`,
        `per|gy|${sentinelId}|k|${shortKey(SETDA)}`,
        `per|gy|${sentinelId}|k|${shortKey(SCOPES[s.scope].unit)}`,
      ])
        expect(all(await press(s.tg, data)), data).toContain("di luar cakupan");
      expect(labels(await press(s.tg, "per|g|0"))).not.toContain(SENTINEL);
      expect(await sentinelNow()).toEqual(before);
    },
  },
  "flow:peran-cari": {
    async inScope(s) {
      await press(s.tg, "start|peran-cari");
      expect(labels(await text(s.tg, "Sentinel"))).toContain(SENTINEL);
      await driver.cmd(s.tg, "batal");
    },
    async outOfScope(s) {
      await press(s.tg, "start|peran-cari");
      expect(labels(await text(s.tg, "Sentinel"))).not.toContain(SENTINEL);
      await press(s.tg, "start|peran-cari");
      // Part of the NIP (the whole one would only be echoed back in "nothing matches").
      expect(labels(await text(s.tg, SENTINEL_NIP.slice(0, 14)))).not.toContain(SENTINEL);
      await driver.cmd(s.tg, "batal");
    },
  },
  "command:audit": {
    async inScope(s) {
      expect(all(await cmd(s.tg, "audit", "matrix.sentinel"))).toContain(SENTINEL);
    },
    async outOfScope(s) {
      // Their own refused attempts on the sentinel (earlier cells) are in the log: shown without the name.
      for (const args of ["", "matrix.sentinel", "role.grant", SENTINEL_NIP])
        expect(all(await cmd(s.tg, "audit", args)), args).not.toContain("matrix.sentinel");
    },
  },
  "command:impor": {
    async inScope(s) {
      const nip = "199001012015031101";
      expect(await importAs(s.tg, `nip;nama;unit\n${nip};Pegawai Baru Setda;${SETDA}`)).toContain(
        "1 pegawai baru",
      );
      expect(
        await importAs(s.tg, `kode;nama;induk;slack\n${SETDA}.tu;Tata Usaha;${SETDA};C0SETDATU1`),
      ).toContain("1 unit baru");
      expect((await ctx.repos.orgUnits.get(`${SETDA}.tu`))?.slackChannels).toEqual(["C0SETDATU1"]);
    },
    async outOfScope(s) {
      const own = SCOPES[s.scope].unit;
      const before = await sentinelNow();
      // A person into Sekretariat Daerah; the sentinel (by NIP) into their own unit.
      expect(await importAs(s.tg, `nip;nama;unit\n199001012015031102;Penyusup;${SETDA}`)).toContain(
        "di luar wilayah kewenangan",
      );
      expect(await importAs(s.tg, `nip;nama;unit\n${SENTINEL_NIP};Nama Palsu;${own}`)).toContain(
        "di luar kewenangan Anda",
      );
      // Sekretariat Daerah re-parented under their unit, or given their Slack channel.
      expect(await importAs(s.tg, `kode;nama;induk\n${SETDA};Setda Curian;${own}`)).toContain("Baris 2");
      expect(
        await importAs(s.tg, `kode;nama;induk;slack\n${SETDA};Sekretariat Daerah;mataram;C0EVIL0001`),
      ).toContain("Baris 2");
      expect(await ctx.repos.nipClaims.ownerOf("199001012015031102")).toBeNull();
      expect(await sentinelNow()).toEqual(before);
      expect(await ctx.repos.orgUnits.get(SETDA)).toMatchObject({
        parentId: "mataram",
        name: "Sekretariat Daerah",
        slackChannels: ["C0SETDA"],
      });
    },
  },
  "command:peserta": {
    async inScope(s) {
      expect(all(await cmd(s.tg, "peserta"))).toContain(ROSTER_COURSE);
      expect(all(await cmd(s.tg, "peserta", "roster matriks"))).toContain(ROSTER_COURSE);
    },
    async outOfScope(s) {
      // Nobody of theirs is enrolled and their instansi does not run it: the session is not listed.
      expect(all(await cmd(s.tg, "peserta"))).not.toContain(ROSTER_COURSE);
      expect(all(await cmd(s.tg, "peserta", "roster matriks"))).not.toContain(ROSTER_COURSE);
    },
  },
  "button:pst": {
    async inScope(s) {
      expect(all(await press(s.tg, rosterButton.pack("open", rosterKey)))).toContain(SENTINEL);
      expect(printed(await press(s.tg, rosterButton.pack("sheet", rosterKey)))).toContain(SENTINEL_NIP);
      // The Excel daftar hadir: the header, one column per field on every row, the person in it.
      const xlsx = await press(s.tg, rosterButton.pack("sheet", rosterKey, "xlsx"));
      expect(xlsx[0]!.media!.filename).toMatch(/^daftar-hadir-.*\.xlsx$/);
      const [sheet] = await readXlsxFile(Buffer.from(xlsx[0]!.media!.bytes));
      expect(sheet!.data[0]).toEqual([...ATTENDANCE_COLUMNS]);
      expect(sheet!.data.every((r) => r.length === ATTENDANCE_COLUMNS.length)).toBe(true);
      expect(await sheetsOf(xlsx)).toContain(SENTINEL_NIP);
      await press(s.tg, rosterButton.pack("absent", rosterKey, sentinelId));
      expect(await sentinelMark()).toBe("tidak");
      await press(s.tg, rosterButton.pack("present", rosterKey, sentinelId));
      expect(await sentinelMark()).toBe("hadir");
    },
    async outOfScope(s) {
      const before = await sentinelMark();
      for (const data of [
        rosterButton.pack("open", rosterKey),
        rosterButton.pack("sheet", rosterKey),
        rosterButton.pack("sheet", rosterKey, "xlsx"),
        rosterButton.pack("complete", rosterKey),
        rosterButton.pack("completeConfirm", rosterKey),
        rosterButton.pack("person", rosterKey, sentinelId),
        rosterButton.pack("absent", rosterKey, sentinelId),
        rosterButton.pack("removeConfirm", rosterKey, sentinelId),
      ])
        expect(all(await press(s.tg, data)), data).toContain(t("roster-out-of-scope"));
      expect(await sentinelMark()).toBe(before);
      expect(await ctx.repos.enrollments.get(ROSTER_SESSION, sentinelId)).not.toBeNull();
      expect(await ctx.repos.completions.get(`${sentinelId}|course|roster-matriks`)).toBeNull();
    },
  },
  "command:belum": {
    async inScope(s) {
      expect(all(await cmd(s.tg, "belum"))).toContain("Belum asesmen tahun ini");
      expect(all(await cmd(s.tg, "belum", "Sekretariat Daerah"))).toContain("Sekretariat Daerah");
    },
    async outOfScope(s) {
      expect(all(await cmd(s.tg, "belum", "Sekretariat Daerah"))).toContain(t("nonresp-out-of-scope"));
      expect(all(await cmd(s.tg, "belum"))).not.toContain("Sekretariat Daerah");
    },
  },
  "button:blm": {
    async inScope(s) {
      const setda = unitKey(SETDA);
      // The lists skip units the running totals count nobody in: the folding job takes the
      // directly seeded sentinel in.
      await app.summaries.touch(sentinelId);
      await app.summaries.settle();
      expect(all(await press(s.tg, nonResponderButton.pack("list", "asm", setda, 0)))).toContain(SENTINEL);
      expect(all(await press(s.tg, nonResponderButton.pack("list", "asm", "all", 0)))).toContain(SENTINEL);
      expect(all(await press(s.tg, nonResponderButton.pack("preview", "asm", setda)))).toMatch(
        /Pengingat akan dikirim ke \d+ orang/,
      );
    },
    async outOfScope(s) {
      const setda = unitKey(SETDA);
      for (const data of [
        nonResponderButton.pack("list", "asm", setda, 0),
        nonResponderButton.pack("preview", "asm", setda),
        nonResponderButton.pack("send", "asm", setda, 7),
        nonResponderButton.pack("csv", setda),
        nonResponderButton.pack("overview", setda),
      ])
        expect(all(await press(s.tg, data)), data).toContain(t("nonresp-out-of-scope"));
      // Their whole scope holds nobody of Sekretariat Daerah, and nothing reached the sentinel.
      await press(s.tg, nonResponderButton.pack("list", "asm", "all", 0));
      await press(s.tg, nonResponderButton.pack("send", "asm", "all", 0));
      const { waiting, logged } = await ctx.repos.deliveries.ofPerson(sentinelId);
      expect([...waiting, ...logged].filter((d) => d.purpose.startsWith("campaign."))).toEqual([]);
    },
  },
  "variant:survei-hasil": {
    async inScope(s) {
      expect(all(await cmd(s.tg, "survei", "hasil"))).toContain("6 responden");
    },
    async outOfScope(s) {
      expect(all(await cmd(s.tg, "survei", "hasil"))).not.toMatch(/\d+ responden/);
    },
  },
};

const unit = (id: string, name: string, parent: string | null, path: string[], slack?: string[]) => ({
  _id: id,
  name,
  kind: parent ? ("unit" as const) : ("instansi" as const),
  parentId: parent,
  instansiId: path[0] ?? id,
  path,
  ...(slack ? { slackChannels: slack } : {}),
});

let n = 0;
async function person(name: string, unitId: string, roles: { role: StaffRole; unitId: string }[] = []) {
  n++;
  const nip = name === SENTINEL ? SENTINEL_NIP : `19850101201001${String(2000 + n).slice(-4)}`;
  const p = await ctx.repos.people.create({
    name,
    nip,
    timeZone: "Asia/Makassar",
    unitId,
    instansiId: unitId.split(".")[0]!,
    onboardedAt: clock,
    roles: roles.map((r) => ({ ...r, grantedAt: clock })),
  });
  await ctx.repos.nipClaims.claim(nip, p._id, clock);
  const tg: IncomingIdentity = { id: `telegram:${500 + n}`, channel: "telegram" };
  const slack: IncomingIdentity = { id: `slack:T01:U${500 + n}`, channel: "slack" };
  await ctx.repos.identities.bind({ id: tg.id, channel: "telegram", personId: p._id, now: clock });
  await ctx.repos.identities.bind({ id: slack.id, channel: "slack", personId: p._id, now: clock });
  return { personId: p._id, tg, slack };
}

beforeAll(async () => {
  app = createApp({
    database: ctx.db,
    translate: translator.t.bind(translator),
    now: () => clock,
    adminIds: ["telegram:1"],
  });
  app.deepLinks.useTelegramBot("PanduBot");
  await ctx.repos.orgUnits.upsertMany([
    unit("mataram", "Pemerintah Kota Mataram", null, []),
    unit(SETDA, "Sekretariat Daerah", "mataram", ["mataram"], ["C0SETDA"]),
    unit("mataram.bkpsdm", "BKPSDM Mataram", "mataram", ["mataram"], ["C0BKPSDM"]),
    unit("jambi", "Pemerintah Provinsi Jambi", null, [], ["C0JAMBI"]),
  ]);
  app.broadcasts.useSlackChannels(async () => [
    { id: "C0SETDA", name: "setda-info" },
    { id: "C0BKPSDM", name: "bkpsdm-info" },
    { id: "C0JAMBI", name: "jambi-info" },
  ]);
  for (const role of ["koordinator", "supervisor", "admin"] as const)
    for (const scope of Object.keys(SCOPES) as Scope[]) {
      const name = `${role} ${scope}`;
      const p = await person(name, SCOPES[scope].unit, [{ role, unitId: SCOPES[scope].unit }]);
      staff.set(`${role}/${scope}`, { role, scope, name, ...p });
    }
  sentinelId = (await person(SENTINEL, SETDA)).personId;
  // /peserta: a course another provider runs (no instansi of Pandu's), with the sentinel enrolled.
  const imported = await app.importCourses(
    [
      "id,title,provider,method,jp,competencies,mode,url,start,end,timezone,quota",
      `roster-matriks,${ROSTER_COURSE},LAN RI,coaching,8,M.6:1-2,online,https://lan.example.id/m,2026-11-20 08:00,2026-11-20 12:00,WITA,30`,
    ].join("\n"),
  );
  expect(imported.ok).toBe(true);
  await ctx.repos.enrollments.enroll(
    {
      personId: sentinelId,
      courseId: "roster-matriks",
      sessionId: ROSTER_SESSION,
      title: ROSTER_COURSE,
      jp: 8,
      startsAt: new Date("2026-11-20T00:00:00Z"),
      endsAt: new Date("2026-11-20T04:00:00Z"),
      timeZone: "Asia/Makassar",
      enrolledAt: clock,
      unitId: SETDA,
    },
    30,
  );
  // Something about the sentinel in the audit log, and enough survey answers from their unit to show.
  await ctx.repos.audit.append({
    at: clock,
    action: "matrix.sentinel",
    outcome: "ok",
    targetKind: "person",
    targetId: sentinelId,
    scopeUnitId: SETDA,
  });
  for (let i = 0; i < 6; i++)
    await ctx.repos.surveys.respond({
      _id: `resp-setda-${i}`,
      surveyId: "pasca-pelatihan",
      occurrence: "s-1",
      answers: [3, 3, 3, 3, 3],
      instansiId: "mataram",
      unitId: SETDA,
      answeredOn: "2026-11-20",
    });
});

const decls = staffDeclarations(declaredApp());

describe("the RBAC matrix: staff declarations × roles × in and out of scope", () => {
  it("has a scope scenario for every staff command, variant, button and flow", () => {
    const unclassified = decls.filter((d) => !scenarios[d.key]).map((d) => `${d.label} (${d.key})`);
    expect(unclassified, "staff declarations with no scenario in rbac-matrix.test.ts").toEqual([]);
    const stale = Object.keys(scenarios).filter((k) => !decls.some((d) => d.key === k));
    expect(stale, "scenarios for declarations that no longer exist").toEqual([]);
  });

  for (const d of decls) {
    const scenario = scenarios[d.key];
    if (!scenario) continue;
    describe(d.label, () => {
      for (const role of d.roles) {
        for (const scope of OUT) {
          it(`${role} ${SCOPES[scope].label}: refused or sees nothing of ${SETDA}`, async () => {
            heard = [];
            await scenario.outOfScope(staffOf(role, scope));
            const said = printed(heard);
            expect(said, "a reply names the sentinel").not.toContain(SENTINEL);
            expect(said, "a reply shows the sentinel's NIP").not.toContain(SENTINEL_NIP);
          });
        }
        it(`${role} ${SCOPES.in.label}: served`, async () => {
          heard = [];
          await scenario.inScope(staffOf(role, "in"));
        });
      }
    });
  }
});
