import type { Repositories } from "../../db/repositories/index.js";
import type { Translate } from "../../engine/text.js";
import type { Choice, Conversation, Outbound } from "../../engine/types.js";
import type { Locale } from "../../i18n/locales.js";
import { defineFeature } from "../context.js";
import type { Feature } from "../feature.js";
import { button } from "../feature.js";
import { commandButton, languageButton, startFlowButton } from "./buttons.js";

/** The commands of the main menu, in the order shown (two a row). */
const MENU = [
  "asesmen",
  "hasil",
  "rekomendasi",
  "katalog",
  "pelatihan",
  "survei",
  "profil",
  "bahasa",
  "bantuan",
];

/** The main menu: the everyday commands as buttons. */
export function mainMenu(translate: Translate) {
  return (conv: Conversation): Outbound[] => {
    const t = (key: string) => translate(conv.profile.locale, key);
    const buttons: Choice[] = MENU.map((name) => ({
      data: commandButton.pack("open", name),
      label: t(`menu-${name}`),
    }));
    const rows: Choice[][] = [];
    for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
    return [{ text: t("menu-title"), choices: rows }];
  };
}

/** Finding one's way: the menu, help, language, cancelling, and the buttons that open commands and flows. */
export function helpFeature(deps: {
  repos: Pick<Repositories, "people">;
  translate: Translate;
  /** Called after the person's language changed (their cached profile is stale). */
  onProfileChanged: (identityId: string) => void;
}): Feature {
  const t = (conv: Conversation, key: string) => deps.translate(conv.profile.locale, key);

  async function setLanguage(conv: Conversation, locale: Locale): Promise<Outbound[]> {
    if (conv.profile.personId) await deps.repos.people.update(conv.profile.personId, { locale });
    deps.onProfileChanged(conv.identityId);
    return [{ text: deps.translate(locale, "language-switched") }];
  }

  return {
    name: "help",
    commands: [
      { name: "menu", access: "anyone", run: async (ctx) => ctx.router.menu() },
      {
        name: "bahasa",
        access: "anyone",
        // `/bahasa en` switches at once; without a known language code, the choice is offered.
        run: async ({ conv, args }) => {
          const code = args.trim().toLowerCase();
          if (code === "id" || code === "en") return setLanguage(conv, code);
          return [
            {
              text: t(conv, "language-choose"),
              choices: [
                [
                  { data: languageButton.pack("choose", "id"), label: "Bahasa Indonesia" },
                  { data: languageButton.pack("choose", "en"), label: "English" },
                ],
              ],
            },
          ];
        },
      },
      {
        name: "bantuan",
        access: "anyone",
        run: async (ctx) => {
          const lines = ctx.router.listed().map((c) => `/${c.name} — ${t(ctx.conv, c.descriptionKey)}`);
          return [{ text: `${t(ctx.conv, "help-general")}\n\n${lines.join("\n")}` }];
        },
      },
      { name: "batal", access: "anyone", run: (ctx) => ctx.router.cancelFlow() },
    ],
    buttons: [
      // The command opened checks its own access.
      button({
        codec: commandButton,
        access: "anyone",
        command: "menu",
        run: (ctx, p) => ctx.router.runCommand(p.args[0]!),
      }),
      button({
        codec: languageButton,
        access: "anyone",
        command: "bahasa",
        run: async ({ conv }, p) =>
          p.args[0] === "id" || p.args[0] === "en" ? setLanguage(conv, p.args[0]) : undefined,
      }),
      // The flow started checks the access of the command that starts it.
      button({
        codec: startFlowButton,
        access: "anyone",
        command: "menu",
        run: (ctx, p) => ctx.router.startFlow(p.args[0]!),
      }),
    ],
  };
}

export default defineFeature({
  order: 20,
  build: (ctx) =>
    helpFeature({
      repos: ctx.repos,
      translate: ctx.translate,
      onProfileChanged: (identityId) => ctx.events.emit("profileChanged", { identityId }),
    }),
});
