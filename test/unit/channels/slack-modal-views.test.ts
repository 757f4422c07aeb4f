import { describe, expect, it } from "vitest";
import { answerOf, questionView, readMetadata } from "../../../src/channels/slack/modal-views.js";
import type { Asking, Outbound } from "../../../src/engine/types.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { SlackViews } from "../../support/slack-views.js";

const translator = loadTranslations(LOCALES_DIR);
const translate = translator.t.bind(translator);
const slack = new SlackViews(() => 0);

/** A question Outbound as the engine presents it, with `asks` filled by `over`. */
function question(over: Partial<Asking>): Outbound & { asks: Asking } {
  const asks: Asking = {
    runId: "r1",
    seq: 3,
    text: "Pilih unit kerja Anda.",
    title: "Catat pelatihan yang sudah selesai",
    locale: "id",
    field: "choice",
    options: [],
    searchable: false,
    skippable: false,
    ...over,
  };
  return { text: `${asks.text}\n\nKetik nomornya.`, asks };
}
const options = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ token: `o${i}`, label: `Pilihan ${i} ${"panjang ".repeat(12)}` }));
type Block = { type: string; block_id?: string; element?: { type: string; options?: unknown[] } };

describe("a flow question as a Slack modal", () => {
  it("fits Slack's limits whatever the flow gives: title, options, labels, blocks", () => {
    const q = question({ options: options(150), searchable: true });
    const context: Outbound[] = Array.from({ length: 120 }, (_, i) => ({ text: `catatan ${i}` }));
    const view = questionView([...context, q], q, "profil", translate);
    expect(slack.viewError(view)).toBeUndefined();
    expect((view.title as { text: string }).text).toHaveLength(24);
    const blocks = view.blocks as Block[];
    expect(blocks.at(-2)?.element).toMatchObject({ type: "static_select" });
    expect(blocks.at(-2)?.element?.options).toHaveLength(100);
    // The search field comes with a long list; the question itself stays in view, without chat hints.
    expect(blocks.at(-1)?.block_id).toBe("search");
    expect(JSON.stringify(blocks)).toContain("Pilih unit kerja Anda.");
    expect(JSON.stringify(blocks)).not.toContain("Ketik nomornya");
    expect(readMetadata(view.private_metadata!)).toEqual({ r: "r1", s: 3, c: "profil", l: "id" });
  });

  it("takes a few options as radio buttons or checkboxes, a date as a date picker", () => {
    const element = (over: Partial<Asking>) =>
      (questionView([], question(over), "selesai", translate).blocks as Block[]).at(-1)?.element?.type;
    expect(element({ options: options(3) })).toBe("radio_buttons");
    expect(element({ field: "multi", options: options(5) })).toBe("checkboxes");
    expect(element({ field: "date" })).toBe("datepicker");
    expect(element({ field: "text", maxLength: 3000 })).toBe("plain_text_input");
  });

  it("offers a file step only to skip, or sends it to the chat when it is required", () => {
    const optional = questionView([], question({ field: "file", skippable: true }), "selesai", translate);
    expect(optional.submit).toMatchObject({ text: "Lewati" });
    const required = questionView([], question({ field: "file" }), "selesai", translate);
    expect(required.submit).toBeUndefined();
    expect(required.notify_on_close).toBe(false);
    expect(JSON.stringify(required.blocks)).toContain("pesan langsung");
  });

  it("reads a submission as typed words to search, options picked, a date, text, or a skip", () => {
    const v = (value: Record<string, unknown>) => ({ answer: { value: { type: "x", ...value } } });
    expect(
      answerOf({
        ...v({ selected_option: { value: "o2" } }),
        search: { value: { type: "x", value: "bapp" } },
      }),
    ).toEqual({
      text: "bapp",
    });
    expect(answerOf(v({ selected_options: [{ value: "o0" }, { value: "o3" }] }))).toEqual({
      picks: ["o0", "o3"],
    });
    expect(answerOf(v({ selected_date: "2026-11-20" }))).toEqual({ text: "2026-11-20" });
    expect(answerOf(v({ value: " Ani " }))).toEqual({ text: " Ani " });
    expect(answerOf(v({ value: null }))).toEqual({ skip: true });
    expect(readMetadata('{"r":"x$gt","s":1,"c":"selesai","l":"id"}')).toBeUndefined();
    expect(readMetadata("not json")).toBeUndefined();
  });
});
