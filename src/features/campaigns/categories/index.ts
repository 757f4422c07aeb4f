import { broadcastUnacknowledged } from "./broadcast-unacknowledged.js";
import type { NonResponderCategory } from "./category.js";
import { jpBehind } from "./jp-behind.js";
import { notAssessed } from "./not-assessed.js";
import { notRegistered } from "./not-registered.js";
import { surveyUnanswered } from "./survey-unanswered.js";

export type {
  CategoryDeps,
  CategoryScope,
  HeadTotals,
  NonResponderCategory,
  Pending,
  PendingList,
} from "./category.js";
export { defineCategory } from "./category.js";

/** /belum's lists, in the order shown. A new category is one module and one entry here. */
export const NON_RESPONDER_CATEGORIES: readonly NonResponderCategory[] = [
  notRegistered,
  notAssessed,
  surveyUnanswered,
  broadcastUnacknowledged,
  jpBehind,
];
