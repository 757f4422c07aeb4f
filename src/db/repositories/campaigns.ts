import type { Campaign, CampaignReminder, Models } from "../models/index.js";
import { readInBatches } from "./batches.js";
import { insertOnce } from "./errors.js";

/** Campaigns and when each person was last reminded in one. */
export function campaignsRepository({
  Campaign,
  CampaignReminder,
}: Pick<Models, "Campaign" | "CampaignReminder">) {
  return {
    /** Stores a campaign unless one with its id exists; returns the stored one either way. */
    async open(c: Campaign): Promise<Campaign> {
      await insertOnce(() => Campaign.create(c));
      return (await Campaign.findById(c._id).lean<Campaign>().exec())!;
    },
    async get(id: string): Promise<Campaign | null> {
      return Campaign.findById(id).lean<Campaign>().exec();
    },
    /** Sets (or, with undefined, removes) a campaign's deadline. */
    async setDeadline(id: string, deadline: Date | undefined): Promise<void> {
      await Campaign.updateOne(
        { _id: id },
        deadline ? { $set: { deadline } } : { $unset: { deadline: "" } },
      ).exec();
    },
    /** Campaigns whose deadline is after `now` (the deadline job; few). */
    async withDeadlineAfter(now: Date): Promise<Campaign[]> {
      return Campaign.find({ deadline: { $gt: now } })
        .lean<Campaign[]>()
        .exec();
    },
    /** The reminder records of these people in one campaign, by person id. */
    async remindersOf(
      campaignId: string,
      personIds: readonly string[],
    ): Promise<Map<string, CampaignReminder>> {
      const found = await readInBatches(
        personIds.map((p) => `${campaignId}:${p}`),
        (batch) =>
          CampaignReminder.find({ _id: { $in: batch } })
            .lean<CampaignReminder[]>()
            .exec(),
      );
      return new Map(found.map((r) => [r.personId, r]));
    },
    /** Records that these people were reminded at `at` (and, for an automatic one, its stage). */
    async markReminded(
      campaignId: string,
      personIds: readonly string[],
      at: Date,
      stage?: string,
    ): Promise<void> {
      for (let i = 0; i < personIds.length; i += 500)
        await CampaignReminder.bulkWrite(
          personIds.slice(i, i + 500).map((personId) => ({
            updateOne: {
              filter: { _id: `${campaignId}:${personId}` },
              update: {
                $set: { lastAt: at },
                $setOnInsert: { campaignId, personId },
                ...(stage ? { $addToSet: { stages: stage } } : {}),
              },
              upsert: true,
            },
          })),
          { ordered: false },
        );
    },
    /** Erasure: a person's reminder records go, and campaigns they started no longer name them. */
    async forgetPerson(personId: string): Promise<number> {
      const removed = (await CampaignReminder.deleteMany({ personId }).exec()).deletedCount;
      const anonymised = (
        await Campaign.updateMany({ createdBy: personId }, { $set: { createdBy: "erased" } }).exec()
      ).modifiedCount;
      return removed + anonymised;
    },
  };
}
export type CampaignsRepository = ReturnType<typeof campaignsRepository>;
