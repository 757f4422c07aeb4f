import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import { labelled } from "../../../src/db/query-origin.js";
import { courseInputSchema } from "../../../src/domain/course.js";
import { formatDateTime } from "../../../src/i18n/format.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { shortKey } from "../../../src/services/course-catalog.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { localDateOf } from "../../../src/services/jp-ledger.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";
import { SlackWebApiEmulator } from "../../support/slack-emulator.js";
import { type SlackPandu, startSlackPandu, testChannelContext } from "../../support/slack-pandu.js";

// App Home on the Slack emulator with the real app: current JP and sessions, buttons that start
// flows in the direct message, and a new home after each change.

const SECRET = "slack-signing-secret-home";
const TOKEN = "xoxb-home-token";
const TEAM = "T01";
const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
const ani: IncomingIdentity = { id: `slack:${TEAM}:U1`, channel: "slack" };
let slack: SlackWebApiEmulator;
let app: App;
let pandu: SlackPandu;
const { onboard } = chatDriver(() => app);
/** A session a month from now, so it is upcoming whenever the test runs. */
const start = new Date(Date.now() + 30 * 86_400_000);
const local = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
const COURSE = courseInputSchema.parse({
  id: "rapat-efektif",
  title: "Memimpin Rapat yang Efektif",
  provider: "BPSDM Provinsi Jambi",
  method: "pelatihan-teknis",
  jp: 12,
  competencies: [{ code: "M.1", from: 1, to: 2 }],
  mode: "online",
  sessions: [
    {
      start: local(start),
      end: local(new Date(start.getTime() + 8 * 3_600_000)),
      timeZone: "Asia/Jakarta",
      quota: 5,
    },
  ],
});

beforeAll(async () => {
  slack = new SlackWebApiEmulator(Date.now, { token: TOKEN });
  await slack.start();
  app = createApp({ database: ctx.db, translate: translator.t.bind(translator), now: () => new Date() });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  await app.courseCatalog.save([COURSE]);
  await onboard(ani, "Ani Lestari", "198203142008012005");
  // Ani chose no quiet hours in /pengingat: her survey invitation is sent at whatever hour this runs.
  const registered = await ctx.repos.identities.get(ani.id);
  await ctx.repos.people.update(registered!.personId!, {
    reminders: { quietStart: "00:00", quietEnd: "00:00" },
  });
  pandu = await startSlackPandu({
    slack,
    context: testChannelContext(ctx.repos, translator.t.bind(translator), (who, inbound, progress) =>
      app.conversations.handle(who, inbound, progress),
    ),
    token: TOKEN,
    secret: SECRET,
    team: TEAM,
    deps: {
      // Labelled as main.ts does, so its reads are held to the storage rules of a chat path.
      homeView: labelled("chat:home", app.home),
      onProfileChanged: (listener) => app.onProfileChanged(listener),
      onProgressChanged: (listener) => app.onProgressChanged(listener),
    },
  });
});
afterAll(async () => {
  await pandu?.stop();
  await slack?.stop();
});

let n = 0;
const post = (body: string, type: "application/json" | "application/x-www-form-urlencoded") =>
  pandu.post(body, type);

/** A button press as Slack posts it: in the Home tab (a view, no conversation) or in the DM. */
const press = (value: string, where: "home" | "dm") =>
  post(
    new URLSearchParams({
      payload: JSON.stringify({
        type: "block_actions",
        user: { id: "U1", team_id: TEAM },
        team: { id: TEAM },
        container:
          where === "home"
            ? { type: "view", view_id: "VHOME1" }
            : { type: "message", channel_id: "DU1", message_ts: "1700000000.000100" },
        trigger_id: `home.${++n}`,
        actions: [
          { type: "button", action_id: "pandu_home_1_0", block_id: "b", value, action_ts: `17.${n}` },
        ],
      }),
    }).toString(),
    "application/x-www-form-urlencoded",
  );

type Block = { type: string; text?: { text: string }; elements?: { value: string }[] };
/** The next App Home published for U1 after call number `after` whose text passes `check`. */
async function homeAfter(after: number, check: (text: string) => boolean) {
  const view = await slack.waitFor(
    () =>
      slack.calls
        .slice(after)
        .filter((c) => c.method === "views.publish" && c.body.user_id === "U1" && c.result.ok === true)
        .map((c) => (c.body.view as { blocks: Block[] }).blocks)
        .find((blocks) => check(JSON.stringify(blocks))),
    10_000,
    "App Home",
  );
  const text = view.flatMap((b) => (b.text ? [b.text.text] : [])).join("\n");
  const buttons = view.flatMap((b) => (b.elements ?? []).map((e) => e.value));
  return { text, buttons };
}

describe("Slack App Home", () => {
  it("shows current JP, sessions and surveys, starts flows from its buttons, and follows each change", async () => {
    // Opening the tab: no JP yet, no session, and the buttons of the chat menu.
    let seen = slack.calls.length;
    const opened = JSON.stringify({
      type: "event_callback",
      team_id: TEAM,
      event_id: "EvHome1",
      event: { type: "app_home_opened", user: "U1", tab: "home", channel: "DU1" },
    });
    expect((await post(opened, "application/json")).status).toBe(200);
    const first = await homeAfter(seen, (t) => t.includes("Ani Lestari"));
    expect(first.text).toContain("0 / 20 JP");
    expect(first.text).toContain("Tidak ada sesi pelatihan mendatang");
    expect(first.buttons).toEqual(expect.arrayContaining(["cmd|asesmen", "cmd|selesai", "cmd|pelatihan"]));

    // A press in the Home tab starts the assessment; its first question arrives in the DM.
    seen = slack.calls.length;
    expect((await press("cmd|asesmen", "home")).status).toBe(200);
    await slack.waitFor(() =>
      slack
        .of("chat.postMessage")
        .find((c) => c.body.channel === "DU1" && String(c.body.text).includes("Asesmen mandiri")),
    );

    // Enrolling (a press in the DM) publishes the home again with the session.
    const [session] = (await app.courseCatalog.get(COURSE.id))!.sessions;
    seen = slack.calls.length;
    expect((await press(`crs|y|${shortKey(session!.id)}`, "dm")).status).toBe(200);
    const enrolled = await homeAfter(seen, (t) => t.includes(COURSE.title));
    const when = formatDateTime(session!.startsAt, { locale: "id", timeZone: "Asia/Jakarta" });
    expect(enrolled.text).toContain(`• ${COURSE.title} — ${when}`);

    // JP credited: the home follows with the new total.
    const person = (await ctx.repos.people.get((await ctx.repos.identities.get(ani.id))!.personId))!;
    const today = localDateOf(new Date(), person.timeZone);
    seen = slack.calls.length;
    await app.ledger.record(
      person,
      {
        _id: `${person._id}|self|home-test`,
        personId: person._id,
        source: "self",
        title: "Webinar Pelayanan Publik",
        method: "webinar",
        kind: "nonklasikal",
        competencyType: "manajerial",
        jp: 3,
        completedOn: today.date,
        year: today.year,
        recordedAt: new Date(),
      },
      new Date(),
    );
    const credited = await homeAfter(seen, (t) => t.includes("3 / 20 JP"));
    expect(credited.text).toContain(COURSE.title);

    // A survey opened for Ani shows with its own button, which opens its first question in the DM.
    const survey = app.content.surveys.find((s) => s.id === "pasca-pelatihan")!;
    seen = slack.calls.length;
    await app.surveys.invite(survey, person, "home-test", new Date(), { subject: "Rapat Koordinasi" });
    const invited = await homeAfter(seen, (t) => t.includes("Rapat Koordinasi"));
    const open = invited.buttons.find((b) => b.startsWith("srv|"))!;
    expect(open).toBeTruthy();
    expect((await press(open, "home")).status).toBe(200);
    await slack.waitFor(() =>
      slack
        .of("chat.postMessage")
        .find((c) => c.body.channel === "DU1" && String(c.body.text).includes("pertanyaan 1 dari")),
    );
  });
});
