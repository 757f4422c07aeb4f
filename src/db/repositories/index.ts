import type { Models } from "../models/index.js";
import { achievementsRepository } from "./achievements.js";
import { activationCodesRepository } from "./activation-codes.js";
import { assessmentsRepository } from "./assessments.js";
import { auditRepository } from "./audit.js";
import { broadcastAcksRepository } from "./broadcast-acks.js";
import { broadcastsRepository } from "./broadcasts.js";
import { campaignsRepository } from "./campaigns.js";
import { changeStampsRepository } from "./change-stamps.js";
import { completionsRepository } from "./completions.js";
import { coursesRepository } from "./courses.js";
import { deliveriesRepository } from "./deliveries.js";
import { enrollmentsRepository } from "./enrollments.js";
import { erasuresRepository } from "./erasures.js";
import { flowRunsRepository } from "./flow-runs.js";
import { identitiesRepository } from "./identities.js";
import { jabatanRepository } from "./jabatan.js";
import { leasesRepository } from "./leases.js";
import { linkCodesRepository } from "./link-codes.js";
import { mentoringRepository } from "./mentoring.js";
import { nipClaimsRepository } from "./nip-claims.js";
import { orgUnitsRepository } from "./org-units.js";
import { peopleRepository } from "./people.js";
import { placeRequestsRepository } from "./place-requests.js";
import { summariesRepository } from "./summaries.js";
import { surveysRepository } from "./surveys.js";
import { teknisCompetenciesRepository } from "./teknis-competencies.js";
import { unitMovesRepository } from "./unit-moves.js";
import { waitlistRepository } from "./waitlist.js";

/** Every repository over one set of models; services receive this, never the models. */
export function createRepositories(models: Models) {
  return {
    people: peopleRepository(models),
    nipClaims: nipClaimsRepository(models),
    activationCodes: activationCodesRepository(models),
    identities: identitiesRepository(models),
    orgUnits: orgUnitsRepository(models),
    jabatan: jabatanRepository(models),
    flowRuns: flowRunsRepository(models),
    audit: auditRepository(models),
    linkCodes: linkCodesRepository(models),
    assessments: assessmentsRepository(models),
    courses: coursesRepository(models),
    changeStamps: changeStampsRepository(models),
    enrollments: enrollmentsRepository(models),
    completions: completionsRepository(models),
    achievements: achievementsRepository(models),
    mentoring: mentoringRepository(models),
    placeRequests: placeRequestsRepository(models),
    deliveries: deliveriesRepository(models),
    leases: leasesRepository(models),
    surveys: surveysRepository(models),
    broadcasts: broadcastsRepository(models),
    broadcastAcks: broadcastAcksRepository(models),
    summaries: summariesRepository(models),
    erasures: erasuresRepository(models),
    teknisCompetencies: teknisCompetenciesRepository(models),
    unitMoves: unitMovesRepository(models),
    waitlist: waitlistRepository(models),
    campaigns: campaignsRepository(models),
  };
}
export type Repositories = ReturnType<typeof createRepositories>;
