# Pandu — English texts. Every key here must also exist in id.ftl.

## Start-up and operations (read by operators in the terminal)

startup-embedded-db = Pandu uses the embedded database (FerretDB); data is kept in { $dir }.
startup-building-db = Preparing the embedded database for the first time, about a minute…
startup-ready = Pandu is ready. Health check at http://localhost:{ $port }/healthz
startup-metrics = Metrics and readiness details (operators only) at http://{ $host }:{ $port }/metrics
startup-no-channels = No chat channel is configured, so Pandu chats in this terminal.
startup-channel-hint = For Telegram set TELEGRAM_BOT_TOKEN. For Slack set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode). See .env.example.
startup-go-missing = The embedded database needs Go to build. Install Go (1.22 or newer), or set MONGODB_URI to your MongoDB/FerretDB.
startup-db-unreachable = Could not connect to the database { $target } within { $seconds } seconds. Check the address and that the server is running.
startup-flows-invalid = Pandu cannot start because a flow file (flows/) is wrong:
config-invalid = Configuration error: { $variable } { $problem }

## General

help-general = Pandu helps you assess your competencies, find the right training and record your JP. Available commands:
error-generic = Sorry, something went wrong on our side. Please try again in a moment.
flood-slow-down = Your messages are arriving too fast. Wait about ten seconds, then send again; messages sent meanwhile are not processed.
busy-please-wait = ⏳ Many people are using Pandu right now. Your message has arrived and will be answered shortly; no need to send it again.
message-too-long = This message is too long to handle (at most { $max } characters). Please send a shorter version.
error-db-unavailable = Pandu cannot reach its data right now. Please try again in a minute or two; your earlier answers are safe.
command-unknown = I do not know the command { $command } yet. Type /bantuan to see the list of commands.
coming-soon = { $feature } is being prepared and cannot be used yet. Thank you for your patience.
telegram-group-only = To protect personal data, Pandu only works in private chats. Please message me directly.

## Time zones

zone-WIB = WIB (Western Indonesia Time, UTC+7)
zone-WITA = WITA (Central Indonesia Time, UTC+8)
zone-WIT = WIT (Eastern Indonesia Time, UTC+9)

## NIP: what is wrong (codes from src/domain/nip.ts)

nip-error-empty = The NIP is empty. Please type the 18 digits of your NIP.
nip-error-not-digits = A NIP has digits only (spaces are fine). Remove letters or other signs and send it again.
nip-error-wrong-length = A NIP has 18 digits; you sent { $count }. Please check it.
nip-error-birth-date-invalid = The first eight digits of a NIP are the birth date (YYYYMMDD), but that date does not exist. Please check it.
nip-error-tmt-invalid = Digits 9 to 14 are the year and month of appointment (YYYYMM), but that month is impossible. Please check it.
nip-error-tmt-before-18 = By this NIP, the appointment came before the age of 18, which is not possible. Please check the birth date and appointment date in the NIP.
nip-error-tmt-in-future = By this NIP, the appointment is in the future. Please check digits 9 to 14.
nip-error-gender-digit = Digit 15 of a NIP is the gender and can only be 1 or 2. Please check it.
nip-error-sequence-zero = The last three digits of a NIP are a sequence number and cannot be 000. Please check it.
nip-error-pppk-intake = In a PPPK NIP, digit 14 is the intake (1–9) and cannot be 0. Please check it.

## Conversations: navigation and flow

nav-back = ⬅️ Back
nav-skip = Skip
nav-done = Done ✔
nav-yes = Yes
nav-no = No
flow-progress = Question { $n } of { $total }
flow-resumed = Let's continue from your last question.
flow-idle-resumed = This conversation was paused for a while. Your earlier answers are kept; we carry on from this last question.
flow-skipped = (skipped)
flow-cancelled = All right, { $flow } is cancelled. Type /menu to choose something else.
flow-nothing-to-cancel = There is no conversation in progress.
flow-button-stale = That button is no longer valid. Here is the current question:
flow-button-expired = That button is no longer valid. Type /menu to start again.
flow-staff-expired = This { $command } conversation sat idle too long, so Pandu closed it without saving anything. Type { $command } to start again.
flow-role-lost = You no longer hold the role { $command } needs, so this conversation was stopped and nothing was saved. Contact an admin if this is a mistake.
flow-not-yours = Sorry, that button belongs to someone else's conversation.
flow-version-gone = This conversation used an older version that has since been updated, so it cannot continue. Please start again.
flow-restart = Start again
flow-cannot-go-back = This is the first question, so there is no step before it.
flow-cannot-skip = This question needs an answer and cannot be skipped.
flow-unsupported-input = Sorry, I cannot read { $what } here yet.
# Kinds of message Pandu cannot read yet, put into flow-unsupported-input (codes from src/engine/types.ts).
media-sticker = a sticker
media-photo = a photo
media-document = a file
media-voice = a voice message
media-video = a video
media-audio = an audio recording
media-location = a location
media-contact = a contact
media-animation = a GIF
media-poll = a poll
media-message = a message like this
flow-expect-choice = Please choose one of the buttons, or type its number.
flow-expect-multi = Choose one or more buttons, then press Done.
flow-expect-likert = Choose one of the values on the buttons, or type its number.
flow-expect-confirm = Please answer with the Yes or No button.
flow-expect-text = Please type your answer.
multi-too-few = Choose at least { $min }.
multi-too-many = Choose at most { $max }.
search-hint = Can't find your choice? Type a few words to search.
search-no-results = Nothing matches. Try other words.
search-no-match = No choice matches "{ $query }". Pick one from this list, or type other words.
chat-no-conversation = I did not catch that. Choose from the menu, or type /bantuan for help.

## Inputs and their checks

input-empty = The answer is empty. Please type your answer.
input-too-short = { $min ->
    [one] Too short: at least 1 character.
   *[other] Too short: at least { $min } characters.
}
input-too-long = { $max ->
    [one] Too long: at most 1 character.
   *[other] Too long: at most { $max } characters.
}
input-pattern = That does not look right. Please check it and type it again.
input-not-number = This answer needs to be a number, such as 12 or 2.5.
input-not-integer = This answer needs to be a whole number.
input-too-small = The number is too small: at least { $min }.
input-too-large = The number is too large: at most { $max }.
input-not-date = I could not read that date. Write it like 24-11-2026.
input-date-too-early = That date is too early: { $date } at the earliest.
input-date-too-late = That date is too late: { $date } at the latest.
input-hint-text = Type your answer.
input-hint-number = Type a number.
input-hint-date = Type a date, such as 24-11-2026.
input-hint-nip = A NIP looks like this: 19850101 201001 1 002

## Registration

onboarding-needed = You are not registered with Pandu yet. Type /start to register; it takes a few minutes.
onboarding-activation-wrong = That activation code does not match the NIP you typed. Check its letters and digits; you have { $left } tries left. If you have no code, answer No to register without one.
onboarding-activation-locked = Too many wrong codes came from this account. Wait 10 minutes and try again, or answer No to register without a code.
onboarding-activation-nip-locked = Too many wrong codes were typed for this NIP. Try again in 10 minutes, or answer No to register without a code. If it was not you trying, tell your HR administrator.
onboarding-activation-busy = Registration with codes is paused for a moment because many wrong codes arrived. Try again in 10 minutes, or answer No to register without a code.
onboarding-activation-used = That code was just used or has been replaced. Ask your agency's HR administrator for a new one.
onboarding-unverified-note = All right, you can register without a code. You will be "not yet verified" until your agency's HR administrator checks your NIP and work unit: you can already take the self-assessment and see your own data, but you are not yet counted in official summaries, do not receive unit announcements, and cannot be given roles.
onboarding-unverified-done = Your status: not yet verified. Your agency's HR administrator will check the NIP and work unit you gave; you will be told once you are verified.
onboarding-jabatan-other = My position is not on the list
contract-start-format = I could not read that month and year. Type the month, then the year, e.g. 03/2025 or March 2025.
contract-start-future = That month has not come yet. Type the month in which your current contract began.
contract-start-before-appointment = Your NIP shows you were appointed in { $year }, so your contract cannot have begun before that year. Please check the month and year.
start-welcome-back = Welcome back! You are already registered.

## Menu and commands

menu-title = What would you like to do?
menu-asesmen = 📝 Assessment
menu-hasil = 📊 Results
menu-rekomendasi = 🎯 Recommendations
menu-katalog = 🔎 Catalogue
menu-pelatihan = 📚 Training & JP
menu-survei = ⭐ Surveys
menu-profil = 👤 Profile
menu-bahasa = 🌐 Language
menu-bantuan = ❓ Help
language-choose = Choose a language:
language-switched = All right, I will use English.
cmd-start = register, or go back to the start
cmd-menu = main menu
cmd-asesmen = competency self-assessment
cmd-hasil = assessment results and competency gaps
cmd-rekomendasi = training and mentor recommendations
cmd-katalog = search the course catalogue: words, competency, form, month, province
cmd-pelatihan = your trainings and this year's JP
cmd-survei = surveys waiting for your answer
cmd-pengingat = reminders and quiet hours
cmd-profil = view and edit your profile
cmd-bahasa = switch language (Indonesia/English)
cmd-bantuan = help
cmd-batal = cancel the conversation in progress
cmd-tautkan = link your Telegram and Slack accounts
cmd-dataku = download your personal data
cmd-hapusdata = delete your personal data
cmd-umumkan = send an announcement (coordinators)
cmd-siaran = announcement delivery reports (coordinators)
cmd-rekap = weekly digest (coordinators)
cmd-ringkasan = unit summary (supervisors, coordinators)
cmd-ekspor = export unit data (supervisors, coordinators)
cmd-peserta = session rosters: attendance, attendance sheet, mark completed (coordinators)
cmd-belum = who has not acted yet, and remind them (coordinators)
cmd-peran = manage roles (admins)
cmd-aktivasi = activation codes and verifying employees (admins)
cmd-undangan = a registration link and QR code for your agency (admins)
cmd-impor = import data (admins)

## Home (Slack App Home)

home-title = Pandu — your profile
home-not-registered = You are not registered yet. Send Pandu a direct message or type /pandu start to register.
home-assessment = Competency assessment
home-assessed = { $gaps ->
    [0] Latest assessment: every competency meets your position's standard.
    [one] Latest assessment: 1 competency is still below your position's standard.
   *[other] Latest assessment: { $gaps } competencies are still below your position's standard.
}
home-not-assessed = You have not taken the assessment yet. Type /pandu asesmen to begin.
home-jp = Learning hours (JP)
home-trainings = Upcoming trainings
home-no-trainings = You hold no place in an upcoming training session.
# Slack App Home with current data (issue 21)
home-assessed-on = Taken on { $date }.
home-gap = • { $name }: level { $level }, your position requires { $required }
home-see-result = 📊 Results & chart
home-more = …and { $count } more
home-surveys = Surveys for you
home-no-surveys = No survey is waiting for your answer right now.

## Profile

profile-title = 👤 Your profile
profile-name = Name
profile-nip = NIP
profile-nip-unverified = { $nip } (not yet verified: waiting for the HR administrator to check it)
profile-instansi = Agency
profile-unit = Work unit
profile-jabatan = Position
profile-region = Province
profile-zone = Time zone
profile-language = Language
profile-modes = Learning preferences
profile-employment = Employment status
profile-contract-start = Contract start
employment-CPNS = CPNS (candidate civil servant, on probation)
employment-PNS = PNS (civil servant)
employment-PPPK = PPPK (government employee with a work contract)
profile-saved = Saved. ✔
profile-region-inherited = Your province follows your agency: { $region }. To change it, change your work unit, or ask an admin to correct the agency's region.
profile-employment-pppk = PPPK status follows your NIP or the HR records your admin imported, so it is not changed here. You can update the month your contract began, for example after it was renewed.

## Unit moves (/profil, /pindah)

cmd-pindah = requests to move to another unit, waiting for your decision (admin)
unit-move-requested = 📨 Your work unit follows your HR records, so your profile has not changed. Your request to move to { $unit } has gone to that unit's admin, and you will hear as soon as they decide.
unit-move-replaced = Your earlier request to move to { $unit } is withdrawn: each person can have one request waiting at a time.
unit-move-same = You are already in { $unit }; nothing changed.
unit-move-already = Your request to move to { $unit } is still waiting for an admin's decision. You will hear as soon as it is decided.
unit-move-unknown-unit = That unit no longer exists. Please choose again.
unit-move-notify = 🔀 A request to move to another unit is waiting for your decision.
unit-move-row = { $name } (NIP { $nip }) wants to move from { $from } to { $to }. Asked { $asked }.
unit-move-btn-approve = Approve
unit-move-btn-decline = Decline
unit-move-none = No requests to move to another unit are waiting for your decision.
unit-move-list-title = 🔀 Requests to move to another unit waiting for your decision: { $count }. Approve to move the person, or Decline.
unit-move-list-more = { $count ->
    [one] …and one more request; it appears once the ones above are decided.
   *[other] …and { $count } more requests; they appear once the ones above are decided.
}
unit-move-gone = This move request no longer exists.
unit-move-not-admin = You no longer hold the admin role, so you cannot decide this move request.
unit-move-out-of-scope = { $unit } is outside the scope of your admin role, so you cannot decide a move there.
unit-move-own = Your own move request is decided by another admin.
unit-move-decided = This move request was already decided or withdrawn; nothing changed.
unit-move-approved-done = ✅ Approved: { $name } is now in { $unit }.
unit-move-declined-done = Declined: { $name } stays in their unit.
unit-move-told = { $name } has been told.
unit-move-not-told = { $name } cannot be reached through Pandu; please tell them the decision directly.
unit-move-told-approved = ✅ An admin approved your move. You are now in { $unit }. See /profil.
unit-move-told-declined = An admin did not approve your move to { $unit }, so your work unit stays as it is. Contact your HR admin if you would like to discuss it.

## Linking accounts (/tautkan)

link-code-issued = Your linking code: { $code }. From your other Telegram or Slack account, send /tautkan { $code } within { $minutes } minutes, then approve the link on this account. Do not share this code with anyone.
link-code-link = Or open this link from your other Telegram account, without typing the code: { $url }
link-code-open = Link via Telegram
deeplink-invalid = This link is not valid (it may be cut short or changed), so I did not open it. Ask whoever shared it for a new one.
deeplink-expired = This link has expired. Ask whoever shared it for a new one.
deeplink-unit-gone = The unit in this registration link is no longer in Pandu. Ask your agency's administrator for a new link, or type /start to register without one.
deeplink-already-registered = You are already registered with Pandu, so this registration link is not needed.
onboarding-invited = You are registering through an invitation link of { $unit }, so I will not ask for your agency.
invite-choose = Which unit is the registration link for? Whoever opens it joins that unit's agency and chooses their work unit within it.
invite-none = There is no unit in your scope to make a registration link for.
invite-made = Registration link for { $unit }, valid until { $until }:
    { $url }

    Share this link or the QR code above, for example in the agency's WhatsApp group. Whoever opens it registers with { $instansi } already chosen and picks their own work unit; without an activation code they stay unverified.
invite-open = Open the link
invite-no-telegram = Registration links open through the Telegram bot, and this Pandu is not connected to Telegram yet.
invite-out-of-scope = That unit is outside your scope, so I did not make a link for it.
invite-too-long = That unit's code is too long to fit in a Telegram link.
edit-taken = ✏️ I took your edited message as your new answer.
edit-ignored = Pandu does not read edited messages. To change an answer, send it again as a new message.
import-progress = Importing… { $done } of { $total } rows processed.
link-done = This account is now linked to your profile. Your data and history are the same on both accounts.
link-already = This account is already linked to your profile.
link-code-wrong = That code does not match or has expired. Tries left: { $left }.
link-locked = Too many wrong codes. For your security, try again after { $minutes } minutes with a new code.
link-busy = Too many wrong linking codes are being tried right now. For everyone's security linking is paused; try again after { $minutes } minutes.
link-other-person = This account is already registered to another profile, so it cannot be linked. Ask your agency's HR administrator if the two should be merged.
link-pending = The code is right. Now open the account that asked for it and press "Approve" within { $minutes } minutes; this account is then linked.
link-approve-ask = A { $channel } account typed your linking code and wants to join your profile. If that was you, press Approve within { $minutes } minutes. If not, press Decline: nothing is linked.
link-approve = Approve
link-decline = Decline
link-request-gone = This link request no longer applies (already decided or expired). Ask for a new code with /tautkan if needed.
link-approved = Done: that { $channel } account is now linked to your profile.
link-declined = All right, that { $channel } account was not linked. If you never asked for a code, tell your agency's HR administrator.
link-declined-told = Linking this account was declined from the profile owner's account. Nothing was linked.
link-notice = Notice: a { $channel } account was just linked to your Pandu profile. If it was not you, contact your agency's HR administrator at once.

## Competency assessment

assessment-progress = Competency { $n } of { $total } · { $name }
assessment-row = { $assessed ->
    [0] below level 1 (position standard { $required })
   *[other] level { $assessed } (position standard { $required })
}
# A level a supervisor confirmed (or corrected): the level that counts, then both values.
assessment-row-confirmed =
    { $level ->
        [0] below level 1
       *[other] level { $level }
    } (self-assessed { $self ->
        [0] below level 1
       *[other] { $self }
    }, confirmed by your supervisor: { $level ->
        [0] below level 1
       *[other] { $level }
    }; position standard { $required })
assessment-mixed = ⚠️ Your answers for { $competencies } were not consistent, even when asked again with another statement: for example, you recognised yourself in the behaviour of one level but not in that of the level below it. So the lower result is the one used. It is worth talking this competency over with your superior.
assessment-result-title = 📊 Your competency assessment result
assessment-result-summary = { $gaps ->
    [0] Every competency meets the standard of your position. Excellent!
    [one] 1 competency is below the standard of your position. It is the one to develop first.
   *[other] { $gaps } competencies are below the standard of your position. The top ones need development most.
}
assessment-chart-title = Your competency levels and the position standard
assessment-chart-assessed = Your level
assessment-chart-required = Position standard
assessment-chart-below = below level 1
assessment-chart-caption = Assessment chart: green bars meet the standard, orange ones are still below it.
results-confirmed-note = ☑️ A level your supervisor confirmed takes the place of your self-assessment for competency gaps, course recommendations and mentoring. Your self-assessment stays recorded and is shown beside it.
results-none = You have no assessment result yet. Type /asesmen to start; it takes about 10 minutes.
results-taken-on = { $previous ->
    [true] Assessment taken on { $date }. Numbers in brackets show how each level moved since the previous assessment.
   *[false] Assessment taken on { $date }.
}

results-standard-skj = 📐 Measured against: the position competency standard (Standar Kompetensi Jabatan) { $name }, imported by your agency.
results-standard-default = 📐 Measured against: Pandu's default levels for your position's tier, not your agency's official SKJ. Once your agency imports the SKJ of this position, your next assessment uses it.
## Course catalog import (CSV)
import-courses-done = Import finished: { $created ->
        [one] 1 new course
       *[other] { $created } new courses
    }, { $updated } updated, { $unchanged } unchanged.
import-units-done = Import finished: { $created ->
        [one] 1 new unit
       *[other] { $created } new units
    }, { $updated } updated, { $unchanged } unchanged.
import-people-done = Import finished: { $created } new employees, { $updated } updated, { $unchanged } unchanged. Employees who have not registered are joined to their chat account when they register with their NIP and activation code.
import-people-codes = { $count } new activation codes are in the attached file, grouped by work unit. They are shown only this once: hand each one to its employee, then delete the file. A lost code can be replaced with /aktivasi NIP.
import-people-unknown-atasan = { $count } supervisor NIPs (rows { $rows }) are not known to Pandu: not in this file and never imported. The relation is kept and holds as soon as that NIP is imported; check for typos.
import-people-conflicts = { $count } NIPs in this file (rows { $rows }) were also given by someone who registered without an activation code. Their data was not changed; check and verify them with /aktivasi.
        [one] 1 new employee
       *[other] { $created } new employees
    }, { $updated } updated, { $unchanged } unchanged. New employees are joined to their chat account when they register with Pandu using their NIP.
import-jabatan-done = Import finished: { $created ->
        [one] 1 new position
       *[other] { $created } new positions
    }, { $updated } updated, { $unchanged } unchanged. Positions with competency levels are now measured against that SKJ; those without keep the default levels per tier.
import-teknis-done = Import finished: { $created ->
        [one] 1 new technical competency
       *[other] { $created } new technical competencies
    }, { $updated } updated, { $unchanged } unchanged. Their codes may now be used in the teknis column of a position file.
import-jabatan-code = a position code uses letters, digits, dots, underscores or dashes, at most 80 characters
import-kind-tier = this kind of position does not match the tier { $tier }
import-unknown-instansi = "{ $unit }" is not an instansi (a top unit) of the org tree
import-level = a level is one digit from 1 to 5
import-skj-incomplete = an SKJ must give a level for every managerial and socio-cultural competency; fill this column, or leave every level and the teknis and skj columns empty so the position uses the default levels per tier
import-teknis-format = write CODE:LEVEL separated by semicolons, e.g. T.AK.1:3; T.AK.2:2
import-teknis-code = a technical competency code starts with T., e.g. T.AK.1 or T.KEU.2
import-teknis-in-catalog = this code is already a competency in Pandu's catalog; choose another code
import-unknown-column-of = unknown column; the columns are: { $columns }
import-unit-id = a unit code uses lowercase letters, digits, dots, underscores or dashes, at most 80 characters
import-duplicate-id = this code is already used on row { $row }
import-unknown-parent = parent unit "{ $parent }" is neither in the file nor in the org tree
import-parent-loop = its parent units loop back to the unit itself
import-scope-unit = unit "{ $unit }" is outside your admin scope; only that unit's admin or a main admin can import this row
import-scope-instansi = only a main admin (or an admin of the whole agency "{ $unit }") may add or change this row
import-scope-shared = this position applies to every agency (it has no agency code), so only a main admin may add or change it; for a position of your agency only, use a code of its own and fill the agency column
import-scope-person = the employee with this NIP is recorded in a unit outside your scope; their transfer is handled by their current unit's admin or a main admin
import-duplicate-nip = this NIP is already on row { $row }
import-unknown-unit = unit "{ $unit }" is not in the org tree; import the units first
import-unknown-jabatan = position code "{ $code }" is not in Pandu yet; import the position file first
import-status-nip-pppk = this NIP is a PPPK NIP (digit 13 is 2), so the status must be PPPK
import-status-nip-not-pppk = this NIP is not a PPPK NIP, so the status cannot be PPPK; check the status or the NIP
import-atasan-nip = the supervisor's NIP is not valid; type the direct supervisor's 18-digit NIP, or leave it empty
import-atasan-self = the supervisor's NIP is the employee's own; nobody can be their own direct supervisor
import-contract-start-not-pppk = the contract start is only for PPPK; leave it empty, or check the status column
import-contract-start-format = write the date as YYYY-MM-DD, DD/MM/YYYY or DD-MM-YYYY, e.g. 2025-03-01 or 01/03/2025
import-contract-start-future = the contract start date has not come yet
import-contract-start-before-appointment = the contract start is before the appointment year in the NIP ({ $year })
import-failed = { $count ->
    [one] The file was not imported because of 1 problem. Fix it and send it again; nothing was saved.
   *[other] The file was not imported because of { $count } problems. Fix them and send it again; nothing was saved.
}
import-more-problems = { $count ->
    [one] …and 1 more problem.
   *[other] …and { $count } more problems.
}
import-where-cell = Row { $row }, column { $column }
import-where-row = Row { $row }
import-csv-unreadable = the file does not read as CSV (check quotes and the number of columns)
import-missing-column = this required column is missing from the header row
import-empty = the file has no data rows
import-differs = differs from row { $row } of the same course
import-required = is required
import-invalid = is not valid
import-too-small = too small or too short (at least { $min })
import-too-big = too large or too long (at most { $max })
import-one-of = choose one of: { $options }
import-id-format = use lower-case letters, digits and -, at most 60 characters
import-datetime-format = write it as YYYY-MM-DD HH:MM, e.g. 2027-02-08 08:00
import-timezone = write WIB, WITA, WIT or a zone such as Asia/Jakarta
import-end-before-start = must be after the start
import-competency-format = write CODE:LEVEL or CODE:FROM-TO, separated by semicolons, e.g. M.3:1-3; M.2:2
import-unknown-competency = competency { $code } is not in the competency catalog
import-region = unknown province code (e.g. jambi, dki-jakarta, nusa-tenggara-barat)
import-instansi-format = unreadable instansi code: lower-case letters, digits, dots or hyphens, as in unit codes (e.g. jambi)
import-slack-channel = write Slack channel ids (starting with C or G, e.g. C0123ABCD; found in the channel's "Copy link"), several separated by spaces
import-region-required = is required for offline or blended courses
import-reminders = is not a reminder time: write e.g. 7d@08:00 (days before, at a time) or 2h (hours before)
import-duplicate-session = a session with the same start is already on row { $row }

## Recommendations, catalog, enrolment
rec-intro = { $count ->
    [one] Here is the course that best fits your competency gaps:
   *[other] Here are { $count } courses that best fit your competency gaps, most important first:
}
rec-over-ceiling = ⚠️ This training is { $jp } JP, more than what your JP limit still allows ({ $headroom } of { $limit } JP per contract year). Please check with your HR administrator first.
rec-reason = { $assessed ->
    [0] Your { $competency } is not yet at level 1, while your position standard is { $required }.
   *[other] Your { $competency } level is { $assessed }, while your position standard is { $required }.
}
rec-also = Also trains: { $competencies }.
rec-session = Next session { $date }
rec-self-paced = Self-paced, start any time
course-by-nomination = 🏛 Participants in this training are nominated rather than enrolling themselves. If you are interested, tell { $contact }.
course-by-request = 📝 For this training you apply, and a coordinator approves or declines with a reason. Contact: { $contact }.
course-contact-default = your agency's BKPSDM
course-request-on = Apply: { $date }
rec-request = Apply
course-not-for-you-status = "{ $title }" is not for your employment status, so you cannot take it.
course-not-for-you-tier = "{ $title }" is for another position level, so you cannot take it.
course-not-for-you-jabatan-kind = "{ $title }" is for another kind of position, so you cannot take it.
course-not-for-you-service = "{ $title }" requires years of service you do not meet (or that Pandu has no record of).
place-request-list-title = 📝 Training applications waiting for your decision: { $count }. Approve to enrol the person (if a seat is free), or Decline with a reason.
place-request-row = { $name } ({ $unit }) applied for "{ $title }" on { $asked }.
place-request-list-more = …and { $count } more applications; they appear once the ones above are decided.
place-request-btn-approve = Approve
place-request-btn-decline = Decline
place-request-sent = 📝 Your application for "{ $title }" ({ $when }) has gone to your coordinator. You will hear as soon as it is decided.
place-request-already-pending = Your application for "{ $title }" is still waiting for the coordinator's decision.
place-request-already-approved = Your application for "{ $title }" was approved; you are enrolled.
place-request-already-declined = Your application for "{ $title }" was declined earlier. Contact your coordinator if you would like to discuss it.
place-request-gone = This application can no longer be found.
place-request-out-of-scope = This application is not from someone within your scope, so you cannot decide it.
place-request-decided = This application has already been decided.
place-request-session-gone = This session has started or is no longer in the catalog, so the application cannot be approved.
place-request-not-eligible = { $name } does not (or no longer) meet the conditions of this training, so the application cannot be approved.
place-request-full = "{ $title }" is full. The application stays open; approve it again when a seat is free.
place-request-approved-done = ✅ Approved: { $name } is now enrolled in "{ $title }" and has been told.
place-request-declined-done = Declined: { $name } has been told, with your reason.
place-request-approved = ✅ Your application for "{ $title }" was approved. You are enrolled in the session on { $when }. See /pelatihan.
place-request-declined = Your application for "{ $title }" could not be approved. The coordinator's reason: { $reason }
rec-enrol = Enrol
rec-open = Open
rec-detail = Details
rec-later = Later
rec-later-ok = All right, we'll leave "{ $title }" for now. Type /rekomendasi any time to see the list again.
rec-need-assessment = Recommendations come from your assessment result. Type /asesmen to start; it takes about 10 minutes.
rec-no-gaps = Congratulations, all your competencies meet your position standard. You can still add JP through /pelatihan.
rec-none-available = No course in the catalog fits your competency gaps and is open to you yet. Admins add courses regularly; try again later.
course-online = Online
course-blended = online and in person
course-jp = { $jp } JP
course-jp-label = Learning hours (JP)
course-provider = Provider
course-method = Form
course-competencies = Competencies
course-levels = level { $range }
course-place = Place
course-link = Link
course-sessions = Schedule
course-session-line = { $start } to { $end }
course-no-upcoming = No new sessions scheduled for this course yet.
course-self-paced-detail = Self-paced course with no schedule: open the link, then record it in /pelatihan when you finish.
course-enrol-on = Enrol: { $date }
course-gone = This course is no longer in the catalog. Type /rekomendasi for the current list.

method-kind-klasikal = classroom
method-kind-nonklasikal = non-classroom
enrol-confirm = Enrol in "{ $title }"?
    When: { $when }
    Where: { $where }
    Worth { $jp } JP once completed.
enrol-yes = Yes, enrol
enrol-no = No
enrol-not-now = All right, not now. Other options are in /rekomendasi.
enrol-done = ✅ You are enrolled in "{ $title }", { $when }. See or cancel it in /pelatihan.
enrol-already = You are already enrolled in "{ $title }". See it in /pelatihan.
enrol-full = Sorry, "{ $title }" is full. Try another session under Details, or see /rekomendasi.
enrol-full-waitlist = Every seat in "{ $title }" is taken. Would you like to wait? When a seat frees up, the first person on the waiting list is offered it by message.
waitlist-join = Join the waiting list
waitlist-join-on = Waiting list { $date }
waitlist-joined = You are on the waiting list for "{ $title }" at number { $position }. When a seat frees up and it is your turn, Pandu sends an offer; you have { $hours } hours to take it.
waitlist-already = You are already on the waiting list for "{ $title }", number { $position }.
waitlist-position = ⏳ You are on the waiting list for the session of { $date }, number { $position }.
waitlist-leave = Leave the waiting list
waitlist-leave-confirm = Leave the waiting list for "{ $title }"? You will lose your place in line.
waitlist-leave-yes = Yes, leave
waitlist-stay = Keep waiting
waitlist-stayed = All right, you stay on the waiting list for "{ $title }", number { $position }.
waitlist-left = You have left the waiting list for "{ $title }".
waitlist-none = You are not on the waiting list for this session.
waitlist-offer =
    🎟️ A seat is free in "{ $title }" ({ $when }), and you are first on the waiting list.
    Take it before { $until }; after that it is offered to the next person.
waitlist-accept = Take the seat
waitlist-decline = Let it go
waitlist-accepted = ✅ The seat in "{ $title }" is yours, { $when }. See or cancel it in /pelatihan.
waitlist-accept-full = Sorry, someone else took the seat in "{ $title }" before you pressed Take. You are back on the waiting list, number { $position }.
waitlist-declined = All right, the seat in "{ $title }" goes to the next person. You are off the waiting list.
waitlist-no-offer = No seat has been offered to you for "{ $title }" yet. Pandu will send a message when it is your turn.
waitlist-offer-expired = The time to take the seat in "{ $title }" has passed, so it went to the next person and you are off the waiting list. You can join again from the course Detail.
enrol-started = This session has already started, so enrolment is closed.
enrol-cancel-confirm = Cancel your place in "{ $title }"? Your seat will go to someone else.
enrol-cancel-yes = Yes, cancel
enrol-cancel-no = No
enrol-cancelled = Your place in "{ $title }" is cancelled.
enrol-cancel-none = You are not enrolled in this session.
enrol-cancel-started = This session has already started, so the enrolment can no longer be cancelled.
training-waiting = ⏳ Waiting lists:
training-waiting-line = • { $title } — number { $position }
training-title = 🎓 Your training
jp-min-standing = { $total } / { $limit } JP ({ $period })
jp-min-remaining = { $remaining } JP to go to meet your yearly minimum.
jp-min-reached = Your yearly JP minimum is met. 🎉
jp-max-standing = { $total } JP of the { $limit } JP limit ({ $period })
jp-max-headroom = { $headroom } more JP are allowed until the end of this contract year.
jp-max-over = ⚠️ Your recorded JP are { $over } JP over the { $limit } JP limit. Please talk to your HR administrator before enrolling in more training.
jp-period-contract = contract year { $start } – { $end }
jp-period-assumed = { $year }; your contract start date is not recorded, so the calendar year is used
training-upcoming = Coming up:
training-none-upcoming = Nothing yet. Find a course in /rekomendasi.
training-running = Running or past, not yet marked as completed:
training-completed = Completed in { $year }:
training-completed-period = Completed in the { $period }:
training-none-completed = None yet.
training-cancel = Cancel: { $title }
method-pelatihan-dasar = CPNS basic training (Latsar)
method-pelatihan-struktural = Leadership training
method-pelatihan-manajerial = Managerial training
method-pelatihan-teknis = Technical training
method-pelatihan-fungsional = Functional training
method-pelatihan-sosial-kultural = Socio-cultural training
method-seminar = Seminar or conference
method-workshop = Workshop
method-kursus = Course
method-penataran = Upgrading course (penataran)
method-bimtek = Technical guidance (bimtek)
method-sosialisasi = Information session
method-coaching = Coaching
method-mentoring = Mentoring
method-e-learning = E-learning
method-jarak-jauh = Distance learning
method-detasering = Secondment
method-alam-terbuka = Outdoor learning
method-patok-banding = Benchmarking visit
method-pertukaran = Civil-servant exchange
method-belajar-mandiri = Self-study
method-komunitas-belajar = Learning community
method-bimbingan-di-tempat-kerja = On-the-job guidance
method-magang = Internship or work placement

## Course catalogue (/katalog)
cat-help = To search, type words after /katalog: a word of the title or provider, a competency code or name (M.4, communication), a form of training (e-learning, klasikal, bimtek), a month (march, March 2027) or a province (jambi, ntb). Example: /katalog e-learning communication
cat-all = { $count ->
    [one] 1 course is open to you.
   *[other] { $count } courses are open to you.
}
cat-found = { $count ->
    [one] 1 course found for { $query }
   *[other] { $count } courses found for { $query }
}
cat-page = Page { $page } of { $pages }
cat-words = words "{ $words }"
cat-more-sessions = { $count ->
    [one] (+1 more date)
   *[other] (+{ $count } more dates)
}
cat-prev = ◀ Previous
cat-next = Next ▶
cat-none = No course open to you matches { $query }.
cat-did-you-mean = Did you mean: { $query }?
cat-did-you-mean-button = 🔎 Yes, search that
cat-try = Try fewer words, or other ones.
cat-see-all = 📚 See all courses
cat-page-gone = { $pages ->
    [one] There is no page { $page }: this search has 1 page.
   *[other] There is no page { $page }: this search has { $pages } pages.
}
cat-to-page = To page { $page }
cat-too-long = This search is too long to page through, so only the first page is shown. Use fewer words to see everything.
cat-empty = No course in the catalog is open to you yet. Admins add courses regularly; try again later.

## Import command (CLI)
cli-import-usage = Usage: npm run import -- courses|units|people|jabatan|teknis FILE.csv [CODES-FILE.csv]
cli-import-codes = { $count } new activation codes written to { $file } (readable by your account only). Hand each employee their code, unit by unit, then delete the file: Pandu keeps only a fingerprint of each code.
cli-summaries-usage = Usage: npm run summaries -- rebuild (recompute the unit summaries from the facts) or status (how many changes are not counted yet)
cli-summaries-status = Changes not yet in the unit summaries: { $pending }
cli-summaries-reading = Reading every assessment, JP record, survey answer and reminder to recompute the summaries…
cli-summaries-done = Done in { $seconds } s: { $people ->
        [one] 1 person
       *[other] { $people } people
    }, { $contributions ->
        [one] 1 yearly record
       *[other] { $contributions } yearly records
    }, { $units ->
        [one] 1 unit
       *[other] { $units } units
    }; { $changed ->
        [one] 1 document corrected
       *[other] { $changed } documents corrected
    }.
cli-summaries-waiting = Pandu is running and holds the summary folder's turn. The rebuild request is recorded; waiting for Pandu to do it (usually under a minute)…
cli-summaries-done-elsewhere = Done: the running Pandu has recomputed the summaries.
cli-summaries-timeout = The rebuild has not finished after 10 minutes. The request stays recorded and will be done; check Pandu's log.
cli-import-unreadable = Cannot read { $file }: { $problem }

## Files
input-hint-file-photo-pdf = Send a photo or a PDF with the attachment button 📎.
input-hint-file-csv = Send a CSV file with the attachment button 📎.
input-hint-file-photo = Send a photo with the attachment button 📎.
input-hint-file-pdf = Send a PDF file with the attachment button 📎.
flow-expect-file-photo-pdf = For this question, send a photo or a PDF file.
flow-expect-file-csv = For this question, send a CSV file.
flow-expect-file-photo = For this question, send a photo.
flow-expect-file-pdf = For this question, send a PDF file.
input-hint-file-photo-document = Send a photo or a file (PDF, document, spreadsheet) with the attachment button 📎.
flow-expect-file-photo-document = For this question, send a photo or a file.
flow-file-not-expected = No file is needed here yet; please answer the question first.

## Completion, recognition, SIASN export
completion-other = Another activity (coaching, mentoring, e-learning…)
completion-method-option = { $method } — { $jp } JP
completion-method-unknown = That kind of activity is not in your agency's JP rules. Start again with /selesai.
completion-enrolment-gone = That enrolment no longer exists. Type /pelatihan to see your training.
completion-saved = ✅ Recorded: "{ $title }", { $jp } JP.
completion-already = "{ $title }" was already recorded; its JP are not counted twice.
completion-certificate-kept = Your certificate is kept with this record.
recognition-jp-goal = 🎉 Congratulations! You have reached { $goal } JP of competency development in { $year }. This achievement is recorded and visible to your supervisor.
recognition-gap-closed = { $count ->
    [one] 🎉 Congratulations! Your { $competencies } now meets your position standard. This achievement is recorded.
   *[other] 🎉 Congratulations! Your { $competencies } now meet your position standard. This achievement is recorded.
}
training-record = ✅ Mark as done / record an activity
training-export = 📄 Export for SIASN
training-export-empty = There are no completed trainings to export yet.
training-export-caption = { $count ->
        [one] Your 1 training
       *[other] Your { $count } trainings
    }, with the fields a SIASN course record asks for: course name, JP, certificate number, year and competency type.
training-earlier = { $count ->
    [one] Plus 1 training from earlier years (in the export).
   *[other] Plus { $count } trainings from earlier years (in the export).
}
cmd-selesai = record a completed training and its certificate
completion-outside = A training outside the catalog, with a certificate (technical guidance, seminar, e-learning…)
completion-outside-incomplete = This record is not complete (the form, the JP or the certificate could not be read), so it was not saved. Please start again with /selesai.
completion-jp-question = How many JP does the certificate state? Type just the number, for example 20 or 1.5.
completion-jp-note-default = Your agency credits { $method } with { $jp } JP. If the certificate states the same, the record counts at once; if not, a coordinator checks it first.
completion-jp-note-verify = Your agency has no standard JP for this form of training, so a coordinator checks the certificate before its JP count.
completion-pending = ⏳ Waiting for a coordinator's verification: these { $jp } JP do not count yet. You will be told once the record has been checked.
training-state-pending = ⏳ waiting for verification
training-state-returned = ↩️ returned: { $reason }
training-state-unknown = ❔ not counted yet
training-pending-total = ⏳ { $jp } JP are waiting for a coordinator's verification and are not in the count above.
training-returned-hint = Returned records do not count. Correct what the reason says, then record it again with /selesai.
training-export-left-out = { $count ->
    [one] 1 record waiting for verification or returned is not in the export.
   *[other] { $count } records waiting for verification or returned are not in the export.
}

## Verifying training records (/verifikasi)

cmd-verifikasi = verify training records from outside the catalog (coordinators)
verification-empty =
    ✅ No training records are waiting for verification in your scope.

    Records appear here when people in your units record, with /selesai, a training outside the catalog or more JP than the agency's standard.
verification-title = 🗂️ Waiting for verification in your scope: { $count ->
        [one] 1 record
       *[other] { $count } records
    }, the longest waiting first (page { $page } of { $pages }).
verification-help = Check the certificate, then press Verify if the title, date and JP match it. If something needs correcting, press Return and write why. The person is told of your decision.
verification-page = Page { $page } of { $pages }.
verification-record =
    📄 { $title }
    Person: { $name } — { $unit }
    Form: { $method } ({ $kind })
    Finished: { $date } · recorded { $recorded }
    JP on the certificate: { $jp } JP
verification-default-jp = The agency's standard for { $method }: { $jp } JP.
verification-no-default = The agency has no standard JP for this form.
verification-cert-number = Certificate number: { $number }
verification-cert-date = Certificate date: { $date }
verification-btn-certificate = 📄 See the certificate
verification-btn-verify = ✅ Verify
verification-btn-return = ↩️ Return
verification-btn-previous = ◀️ Previous
verification-btn-next = Next ▶️
verification-btn-list = 🗂️ Verification list
verification-unknown = That record was not found; its owner may have deleted it. Type /verifikasi to see the current list.
verification-out-of-scope = That record belongs to someone outside your coordinator scope, so you can neither open nor decide it. This request has been recorded. Type /verifikasi for the records in your scope.
verification-own = Your own training records are checked by another coordinator, so you cannot decide them yourself.
verification-not-waiting = “{ $title }” is not waiting for verification (it was verified, returned, or counted at once), so nothing changed. Type /verifikasi to see the current list.
verification-verified = ✅ Verified: “{ $title }” of { $name }. Its { $jp } JP count now.
verification-returned = ↩️ Returned: “{ $title }” of { $name }, because: { $reason }
verification-told = { $name } has been told by chat.
verification-not-told = { $name } cannot be reached by chat yet; the decision shows in their /pelatihan.
verification-return-question = Why are you returning “{ $title }” of { $name } ({ $jp } JP)? Write what needs correcting, for example: the certificate says 12 JP, not 20. The person will read this reason.
verification-return-question-plain = Why are you returning this record? Write what needs correcting. The person will read this reason.
verification-return-limit = At most { $max } characters. Type /batal if you no longer want to return it.
verification-certificate-caption = The certificate of “{ $title }”, recorded by { $name }.
verification-certificate-none = This record came without a certificate.
verification-certificate-unavailable = This certificate cannot be fetched right now (it was sent through { $channel }). Please try again later.
verification-told-verified = ✅ Your training record “{ $title }” ({ $jp } JP) has been verified by a coordinator and now counts.
verification-told-returned =
    ↩️ Your training record “{ $title }” ({ $jp } JP) was returned by a coordinator, so its JP do not count.
    The reason: { $reason }

    Correct what it says, then record it again with /selesai.
verification-open-training = 🎓 See my training
verification-record-again = ✅ Record it again

## Import through the chat
command-not-allowed = { $command } is only for staff who hold that role. If you need it, ask your agency's BKPSDM admin.
import-no-file = No file was received. Type /impor to try again.
import-download-failed = The file could not be fetched from the chat app. Try again with /impor; at most 5 MB.
import-not-admin = You no longer hold the admin role, so this file was not imported. Contact a main admin if this is a mistake.
import-scope-courses = The course catalog serves every agency, so only a main admin may import it. Send the file to a main admin to import.
import-scope-teknis = The list of technical competencies serves every agency, so only a main admin may import it. Send the file to a main admin.

## Mentoring
cmd-mentor = mentoring: offer to mentor, requests, and your mentoring pairs
mentor-card = 🤝 Mentoring in { $competency }: a senior colleague in your agency (level { $level }) is willing to mentor. Names are shared only once you both agree.
mentor-card-pending = 🤝 Your mentoring request for { $competency } is waiting for the mentor's answer.
mentor-card-accepted = 🤝 Your { $competency } mentor has agreed. See their name in /mentor.
mentor-ask = Ask for mentoring
mentor-asked = Your mentoring request for { $competency } was sent without your name. If the mentor agrees, you will see each other's names in /mentor.
mentor-already-asked = You already asked for mentoring in { $competency }. See its status in /mentor.
mentor-none = No colleague fits this mentoring right now. Try again later.
mentor-title = 🤝 Mentoring
mentor-opted-in = You are willing to mentor colleagues in your agency, in competencies where your level is at least one above their standard.
mentor-opted-out = You are not a mentor yet. Colleagues in your agency could ask for your guidance in competencies that are your strengths.
mentor-opt-in = I am willing to mentor
mentor-opt-out = Stop being a mentor
mentor-now-in = Thank you! You can now be suggested as a mentor. Your name is shared only after you accept a request.
mentor-now-out = All right, you will no longer be suggested as a mentor.
mentor-incoming = Requests waiting for your answer:
mentor-incoming-line = { $competency }: { $level ->
        [0] a colleague not yet at level 1
       *[other] a colleague at level { $level }
    } { $source ->
        [skj] (their position's SKJ { $required })
       *[other] (default standard { $required })
    }
mentor-accept = Accept: { $competency }
mentor-decline = Decline
mentor-accepted = Thank you! You are now { $name }'s mentor for { $competency }. Please get in touch; they can now see your name in /mentor too.
mentor-declined = The mentoring request for { $competency } was declined. No names were shared.
mentor-request-gone = That request is no longer waiting for an answer.
mentor-agreed = Mentoring pairs:
mentor-agreed-as-mentee = You mentor { $name } ({ $competency })
mentor-agreed-as-mentor = { $name } mentors you ({ $competency })
mentor-waiting = Waiting for the mentor's answer: { $competencies }

## Training reminders
rem-training = ⏰ Training reminder: "{ $title }" starts { $when }. Will you attend?
rem-attend = ✅ I'll be there
rem-absent = Can't attend
rem-snooze-hour = Remind me in 1 hour
rem-snooze-tomorrow = Remind me tomorrow
rem-attend-noted = Thank you, your attendance at "{ $title }" is noted. See you there!
rem-absent-noted = Noted: you can't attend "{ $title }". The training coordinator will see this. If you are not going, release your seat so a colleague can use it.
rem-release-seat = Release my seat
rem-snoozed = All right, I'll remind you again { $when }.
rem-snooze-too-late = "{ $title }" starts before then, so I won't remind you again.
rem-started = "{ $title }" has already started.
rem-no-place = You are no longer enrolled in this training.

## /pengingat
pgr-title = 🔔 Reminder settings
pgr-quiet = Quiet hours: { $start }–{ $end } (scheduled messages wait until they end)
pgr-quiet-none = Quiet hours: none
pgr-training-on = Training reminders: on (7 days, 1 day and 2 hours before)
pgr-training-off = Training reminders: off
pgr-nudges-on = Monthly JP nudge: on
pgr-nudges-paused = Monthly JP nudge: paused until { $date }
pgr-nudges-off = Monthly JP nudge: off
pgr-help = Use the buttons below to change them. Surveys and announcements also respect your quiet hours.
pgr-set-quiet = Quiet hours { $start }–{ $end }
pgr-set-quiet-none = No quiet hours
pgr-nudges-pause = Pause nudges for 30 days
pgr-nudges-turn-off = Turn JP nudges off
pgr-nudges-turn-on = Turn JP nudges on
pgr-training-turn-off = Turn training reminders off
pgr-training-turn-on = Turn training reminders on
pgr-saved = ✅ Saved.

## JP nudge
nudge-jp = 📚 Hello { $name }! This year you have recorded { $total } of { $goal } JP of competency development. To reach the goal on time you would ideally have about { $expected } JP by now.
nudge-jp-course = A suggestion for you: "{ $title }" ({ $jp } JP). { $reason }
nudge-jp-no-course = Record training or learning you have done with /selesai.
nudge-jp-see = See recommendations
nudge-jp-settings = Reminder settings

## Surveys
srv-invite = { $count ->
    [one] 📝 Please fill in the { $title } (1 question, about a minute).
   *[other] 📝 Please fill in the { $title } ({ $count } questions, about 2 minutes).
}
srv-about = { " " }About: "{ $subject }".
srv-anonymous-note = This survey is anonymous: answers are stored without your name, and a group's result is shown only when at least 5 people answered.
srv-closes = The survey closes on { $date }.
srv-start = Fill in
srv-reminder = 🔔 Reminder: the { $title } is still waiting for your answer.
srv-progress = { $title } · question { $n } of { $total }
srv-back = ⬅️ Back
srv-thanks = 🙏 Thank you! Your answers are saved and help us improve our training.
srv-thanks-anonymous = 🙏 Thank you! Your answers are saved without your name.
srv-already = You have already answered this survey. Thank you!
srv-closed = Sorry, this survey is closed.
srv-gone = This survey was not found. See the surveys still open with /survei.
srv-none = No survey is waiting for your answer right now. Thank you!
srv-list-title = 📝 Surveys waiting for your answer:
srv-until = until { $date }
srv-anonymous = anonymous
srv-results-title = 📊 Survey results (index 25–100, grades A–D)
srv-results-title-scoped = 📊 Survey results from the units in your scope (index 25–100, grades A–D)
srv-results-line = { $count ->
    [one] { $group }: 1 respondent, index { $ikm }, grade { $grade }
   *[other] { $group }: { $count } respondents, index { $ikm }, grade { $grade }
}
srv-results-all = All
srv-results-no-instansi = No agency
srv-results-hidden = { $group }: hidden (fewer than { $min } answers)
srv-results-steps = { $count ->
        [one] 1 recent answer is
       *[other] { $count } recent answers are
    } not counted yet: each group's result of an anonymous survey only changes every { $step } answers, so that nobody's answer can be read from the difference.
srv-results-too-few = { $count ->
    [one] 1 answer; results are shown from { $min } answers.
   *[other] { $count } answers; results are shown from { $min } answers.
}

## Roles and audit
cmd-audit = audit log (admin)
roles-title = 👥 Role holders in your scope:
# Role names for people to read; the role codes (koordinator, supervisor, admin) stay in commands.
role-koordinator = coordinator
role-supervisor = supervisor
role-admin = admin
roles-none = Nobody holds a role in your scope yet.
roles-usage = Usage: /peran beri NIP role unit, or /peran cabut NIP role unit. Roles: koordinator, supervisor, admin. Write the unit's code, e.g. mataram.bkpsdm; a role covers that unit and every unit below it. Release a NIP registered by the wrong person with /peran lepas-nip NIP.
roles-nip-free = Nobody uses that NIP yet.
roles-nip-released = ✅ The NIP was removed from { $name }'s profile. Its real owner can now register with it.
roles-unknown-unit = There is no unit "{ $unit }". Check its code.
roles-unknown-person = No registered employee has that NIP. They need to register with Pandu first.
roles-out-of-scope = { $unit } is outside your admin scope, so nothing was changed. The attempt is recorded.
roles-already = { $name } already holds { $role } at { $unit }.
roles-not-held = { $name } does not hold { $role } at { $unit }.
roles-granted = ✅ { $name } now holds { $role } at { $unit } and every unit below it.
roles-revoked = ✅ { $name }'s { $role } role at { $unit } is revoked.
roles-help = Manage staff roles in your scope with the buttons below: pick the person, the role and the unit, with no NIP or unit code to type. The typed commands still work.
roles-btn-grant = ➕ Grant a role
roles-btn-revoke = ➖ Revoke a role
roles-btn-list = 👥 Role holders
roles-btn-next = Next ▶
roles-btn-prev = ◀ Previous
roles-btn-search = 🔎 Search by name or NIP
roles-btn-all = Show everyone
roles-btn-cancel = ✖ Cancel
roles-btn-menu = ↩ Roles menu
roles-btn-confirm-grant = ✅ Yes, grant it
roles-btn-confirm-revoke = ✅ Yes, revoke it
roles-btn-own-unit = ⭐ { $unit } (their own unit)
roles-page = Page { $page } of { $pages }
roles-no-nip = no NIP
roles-pick-person = Who gets the role? Only registered employees in your scope are listed.
roles-pick-holder = Whose role do you revoke? These are the role holders in your scope.
roles-pick-filter = Filtered by: "{ $filter }"
roles-pick-search-tip = A long list? Press Search, or type /peran beri followed by part of a name or a NIP.
roles-pick-search-tip-revoke = To filter, type /peran cabut followed by part of a name or a NIP.
roles-pick-nobody = No registered employee in your scope yet.
roles-pick-no-match = Nobody in your scope has a name or NIP matching "{ $filter }".
roles-pick-role = Which role does { $name } get?
roles-pick-current = Roles already held: { $roles }
roles-pick-unit = At which unit does { $name } hold { $role }? The role also covers every unit below it.
roles-pick-confirm-grant = Give { $name } the { $role } role at { $unit } and every unit below it?
roles-pick-grant = Which of { $name }'s roles do you revoke?
roles-pick-confirm-revoke = Revoke { $name }'s { $role } role at { $unit }?
roles-pick-cancelled = All right, nothing was changed.
roles-pick-stale = That button no longer works. Type /peran to open the roles menu again.
roles-pick-page-gone = That page is gone because the list changed. Here is its last page.
roles-pick-person-gone = That person is no longer registered in your scope. Type /peran to open the list again.
roles-pick-person-refused = That person is outside your admin scope, so nothing was changed. The attempt is recorded.
roles-pick-unit-gone = That unit is no longer in your scope. Type /peran to choose again.
roles-pick-grant-gone = { $name } no longer holds that role; another admin may have revoked it. Nothing was changed.
roles-pick-no-grants = { $name } no longer holds any role in your scope; it may have been revoked.
roles-person-out-of-scope = The person with that NIP works outside your admin scope, so you cannot change their roles. This request has been logged.
roles-person-unverified = { $name } is not yet verified, so cannot be given a role. Verify them first with /aktivasi.
activation-none-waiting = No one in your units is waiting to be verified.
activation-hint = To replace the activation code of an imported employee who has not registered: /aktivasi NIP.
activation-waiting = { $count } people registered without an activation code and wait to be verified (oldest first, { $shown } shown):
activation-line = { $n }. { $name }, NIP { $nip }, { $unit }, registered { $date }
activation-verify-explain = Verify only once you have made sure the person and their NIP match the HR records. When that NIP belongs to an imported record nobody has registered as, that record's HR data (name, unit, position) becomes theirs.
activation-btn-verify = Verify { $n }
activation-nip-invalid = That is not a whole NIP. Type the 18 digits, e.g. /aktivasi 198203142008012005.
activation-nip-unknown = No imported employee with that NIP is in your units.
activation-already-registered = { $name } has already registered with Pandu and needs no activation code.
activation-code-issued = New activation code for { $name } (NIP { $nip }): { $code }
    Any earlier code no longer works. Hand it to the person directly; it is shown only this once.
activation-verify-gone = That person has already been verified or is no longer there.
activation-verify-out-of-scope = That person is outside the units you manage, so you cannot verify them.
activation-verify-nip-taken = NIP { $nip } is already held by another registered employee. Check with the person and HR; neither was changed.
activation-verified = { $name } (NIP { $nip }) is verified and now counts in their unit.
activation-verified-merged = { $name } (NIP { $nip }) is verified; the imported HR record is now theirs.
activation-you-are-verified = Your HR administrator has verified your NIP and work unit in Pandu. You now count in your unit's summaries, receive unit announcements and can mentor colleagues.
audit-title = 🧾 Latest audit entries:
audit-title-scoped = 🧾 Latest audit entries in your scope (actions in your units, by or about their people):
audit-empty = No matching audit entries yet.
audit-ok = done
audit-refused = refused
audit-person-outside = (someone outside your scope)
mentor-open = Open /mentor
mentor-notify-request = 🤝 A colleague in your agency asks for your mentoring in { $competency }. Their name is shown only if you accept. Answer in /mentor.
mentor-notify-accepted = 🤝 Good news! { $name } agreed to mentor you in { $competency }. Please get in touch; the details are in /mentor.
mentor-notify-declined = Your mentoring request for { $competency } could not be accepted this time. See other options in /rekomendasi.
export-preparing = ⏳ Preparing the export… With many employees this can take a few seconds; the file follows here.
export-empty = There are no employees in your scope yet.
export-caption = { $count ->
    [one] 📄 1 employee in your scope, { $year }: registration, latest assessment, competency gaps, JP and trainings. It contains personal data; keep it safe.
   *[other] 📄 { $count } employees in your scope, { $year }: registration, latest assessment, competency gaps, JP and trainings. It contains personal data; keep it safe.
}

## Announcements
# Questions of the /umumkan flow (flows/umumkan.yaml) that carry the number of recipients.
brd-ask-when = { $count ->
        [one] 1 person will receive this announcement.
       *[other] { $count } people will receive this announcement.
    }{ $extras }
    When should it go?
brd-confirm-now = { $count ->
        [one] Send it now to 1 person{ $alsoChannel }?
       *[other] Send it now to { $count } people{ $alsoChannel }?
    }
brd-confirm-later = { $count ->
        [one] Send it to 1 person{ $alsoChannel } on { $whenText }?
       *[other] Send it to { $count } people{ $alsoChannel } on { $whenText }?
    }
brd-nobody = Nobody registered in your scope matches that choice. Choose other recipients.
brd-time-past = That time has passed. Choose a date and time in the future.
brd-sending = { $count ->
    [one] 📣 The announcement is going out to 1 person. Follow it in /siaran.
   *[other] 📣 The announcement is going out to { $count } people. Follow it in /siaran.
}
brd-scheduled = { $count ->
    [one] 📅 The announcement is scheduled for 1 person on { $when }. You can cancel it in /siaran before then.
   *[other] 📅 The announcement is scheduled for { $count } people on { $when }. You can cancel it in /siaran before then.
}
brd-none = You have not sent any announcement yet. Create one with /umumkan.
brd-line = { $when } · { $audience }
brd-line-cancelled = { $when } · { $audience } · cancelled
brd-counts = Sent { $sent } · waiting { $pending } · failed { $failed } · blocked the bot { $blocked }
brd-cancel = Cancel what has not gone yet
brd-cancelled = { $count ->
    [one] Announcement cancelled: the 1 message not yet sent will not be sent.
   *[other] Announcement cancelled: { $count } messages not yet sent will not be sent.
}
brd-gone = That announcement was not found.
brd-audience-all = everyone in scope
brd-audience-unit = one unit
brd-audience-tier = one position level
brd-audience-region = one province
brd-audience-session = session participants
brd-audience-not-assessed = not yet assessed
brd-audience-below-pace = behind the JP goal
brd-audience-course = participants of a course
brd-audience-units = { $count } units
brd-attached-photo = 📎 With an attachment: a photo.
brd-attached-document = 📎 With an attachment: the file { $name }.
brd-attached-elsewhere = { $count ->
    [one] 1 recipient uses Slack: they get the text only, with a note that the attachment can only be sent on Telegram.
   *[other] { $count } recipients use Slack: they get the text only, with a note that the attachment can only be sent on Telegram.
}
brd-also-channel = 💬 Also posted to the Slack channel #{ $name } (a channel is not counted as a recipient).
brd-and-channel = and the channel #{ $name }
brd-file-note = 📎 This announcement came with an attachment ({ $name }) that can only be sent on Telegram. If you need it, please ask { $sender }.
brd-file-photo = a photo
brd-file-document = a file
brd-sender-unknown = the coordinator who sent it
brd-line-channel = Slack channel #{ $name }: { $state }
brd-channel-sent = posted
brd-channel-pending = waiting
brd-channel-failed = failed (is Pandu still in that channel?)
brd-channel-cancelled = cancelled
brd-asks-read = ✋ Recipients are asked to press "Read it".
brd-asks-attendance = ✋ Recipients are asked to answer "I will attend" or "I can't come".
brd-ack-read = ✅ Read it
brd-ack-attend = ✅ I will attend
brd-ack-absent = ❌ I can't come
brd-ack-noted-read = Thank you, it is noted that you read this announcement.
brd-ack-noted-attend = Thank you, noted: you will attend. If your plans change, press the other button on the announcement.
brd-ack-noted-absent = Thank you, noted: you cannot come. If your plans change, press the other button on the announcement.
brd-ack-not-yours = Only the recipients of that announcement can answer it.
brd-ack-counts-read = Read { $read } · no answer yet { $none }
brd-ack-counts-attendance = Attending { $attend } · can't come { $absent } · no answer yet { $none }
brd-unanswered-show = See who has not answered ({ $count })
brd-unanswered-title = No answer yet to "{ $title }": { $count } people (page { $page } of { $pages })
brd-unanswered-none = Everyone in your scope who received it has answered.
brd-progress = 📣 Sending the announcement: { $done } of { $total } done (sent { $sent } · failed { $failed } · blocked { $blocked })
brd-progress-done = ✅ Announcement done: { $sent } sent, { $failed } failed, { $blocked } blocked.
pgr-share-on = Tell my supervisor of progress: yes (when you reach 20 JP or close a competency gap)
pgr-share-off = Tell my supervisor of progress: no
pgr-share-turn-on = Tell my supervisor when I reach 20 JP or close a gap
pgr-share-turn-off = Stop telling my supervisor
improvement-jp = 🎉 { $name } ({ $unit }) has met the yearly minimum of competency development (JP) for { $year }. A word of congratulations from you would mean a lot.
improvement-gap = 🎉 { $name } ({ $unit }) now meets the position standard in { $competency }.

## Unit summaries (/ringkasan)
summary-title = 📊 Summary of { $unit }, { $year }
summary-scope = your scope ({ $count } agencies/units)
summary-too-few = { $count ->
        [one] This unit has 1 person.
       *[other] This unit has { $count } people.
    } Details are not shown because every figure must describe at least { $min } people, so that nobody can be recognised.
summary-protected = This unit has { $count } people, but its details are not shown: taken away from the summary of the unit above it together with the units beside it, they would give away the figures of a group of fewer than { $min }.
summary-few = fewer than { $min }
summary-people = 👥 { $count } staff · { $registered }% registered in Pandu · { $assessed }% assessed ({ $assessedCount ->
        [one] 1 person
       *[other] { $assessedCount } people
    })
summary-competencies = Competencies (average level / position standard · share below standard):
summary-competency = • { $name }: { $assessed } / { $required } · { $below }% below standard ({ $people ->
        [one] 1 person
       *[other] { $people } people
    })
summary-competency-hidden = • { $name }: hidden (assessed by fewer than { $min } people)
summary-competency-protected = • { $name }: hidden (with the summaries of neighbouring units it would give away a group of fewer than { $min })
summary-top-gaps = 🎯 Largest competency gaps: { $list }
summary-standard-note = (Position standard: the agency's SKJ where imported for that position, else Pandu's default levels per tier.)
summary-no-gaps = 🎯 No competency is below standard on average.
summary-no-assessments = No assessment results this year yet.
summary-improvements = 📈 Improvements: { $gaps ->
        [one] 1 competency gap closed
       *[other] { $gaps } competency gaps closed
    } · { $reached ->
        [one] 1 person met
       *[other] { $reached } people met
    } their yearly JP minimum
summary-jp = ⏱ JP: on average { $average } JP per person · { $reached }% have met their yearly JP minimum
summary-jp-average = ⏱ JP: on average { $average } JP per person
summary-jp-ceiling = ℹ️ PPPK staff ({ $count }) follow a maximum of JP per contract year rather than a minimum, so they are not in the percentage above.
summary-trainings = 🎓 Trainings completed: { $count }
summary-ikm = 😊 Training satisfaction: IKM { $score } (grade { $grade }) from { $respondents ->
        [one] 1 respondent
       *[other] { $respondents } respondents
    }
summary-ikm-hidden = 😊 Training satisfaction: not shown yet ({ $respondents ->
        [one] 1 respondent
       *[other] { $respondents } respondents
    }; at least { $min } needed).
summary-ikm-protected = 😊 Training satisfaction: not shown here (with the summaries of neighbouring units it would give away a group of fewer than { $min }).
summary-reminders = 🔔 Training reminders: { $sent } sent, { $failed } failed
summary-catching-up = ⏳ { $count ->
        [one] 1 recent change is
       *[other] { $count } recent changes are
    } still being counted. Ask /ringkasan again in a moment for the latest figures.
summary-chart-title = { $unit } { $year }: average level and standard
summary-chart-assessed = Average level
summary-chart-required = Average standard
summary-chart-caption = Average level per competency: orange means below the position standard.
summary-weekly-on = 📬 Send me this summary every Monday
summary-weekly-off = 🔕 Stop the weekly summary
summary-weekly-started = Done. The summary of { $unit } will arrive every Monday at 07:00 your time. Stop it any time with the button under it.
summary-weekly-stopped = Weekly summary stopped. You can still ask for it any time with /ringkasan.
summary-weekly-intro = Good morning. Here is your weekly summary:
summary-weekly-open = Open the latest summary
summary-no-scope = You do not hold a supervisor or coordinator role for any unit yet, so there is nothing to summarise. Ask a BKPSDM admin to grant one with /peran.
summary-bad-year = { $year } cannot be summarised. Write a four-digit year, for example /ringkasan 2026.
summary-out-of-scope = That unit is outside your scope, so its summary cannot be shown. This request has been logged.
summary-unit-unknown = No unit called “{ $query }” in your scope. Write part of its name, for example /ringkasan finance, or just /ringkasan for your whole scope.
summary-choose-unit = { $count } units match. Pick one:

## Personal data (/dataku, /hapusdata)

privacy-export-caption = 📄 This is a copy of the personal data Pandu keeps about you, in one JSON file: profile, consent, roles, chat accounts, assessments, training and JP, mentoring, surveys, reminder settings, and the messages we sent you. The file contains personal data (including your NIP), so keep it safe and do not pass it on.
privacy-export-consent = Your consent was recorded on { $date }, for version { $version } of the consent text.
privacy-export-consent-none = No consent is recorded in your name.
privacy-export-note-what = This file holds everything Pandu keeps in your name at the time it was made, as your right under Law No. 27 of 2022 on Personal Data Protection.
privacy-export-note-anonymous = Answers to anonymous surveys are not here. They were stored without a name and with only their date from the start, so they cannot be linked back to you, not even by Pandu.
privacy-export-note-mentoring = For mentoring requests, the other person's name is only included once the mentor has accepted the request.
privacy-export-note-kept = Unit summaries hold only combined figures without names. The audit log (who did what, when) is kept apart for accountability and deleted automatically when its retention ends.
privacy-erase-confirm =
    ⚠️ Delete all your personal data from Pandu?

    Deleted: your profile (name, NIP, unit, position), consent, linked Telegram/Slack accounts, assessment results, training and JP history, session enrolments (your seats go to others), achievements, mentoring requests, survey invitations, reminder settings, and the messages waiting for you or sent to you.

    What stays, without identity: your survey answers still count in the survey results, but without your name or the time you answered, like an anonymous survey. Unit summaries are recalculated without you. Levels you confirmed as a supervisor stay on those employees' assessments, without your identity. The audit record of your actions is kept for accountability, without your name, NIP or chat accounts, until its retention ends.

    This cannot be undone. Afterwards Pandu no longer knows you; to use Pandu again, register anew with /start.
privacy-erase-roles = You also hold the role { $roles }. It is deleted too; if it is needed again later, an admin can grant it again with /peran.
privacy-erase-question = Are you sure you want to delete your data?
privacy-erase-yes = Yes, delete my data
privacy-erase-no = Cancel
privacy-erase-cancelled = All right, nothing was deleted. Your data stays as it was.
privacy-erase-expired = This button has expired, so nothing was deleted. Type /hapusdata again if you still want to delete your data.
privacy-erase-done = Your personal data has been deleted from Pandu. Thank you for using Pandu. If you ever want to come back, type /start to register anew.

## /rekap: the coordinator's weekly digest
digest-title = 🗓️ Coordinator's weekly digest: { $scope }
digest-scope = { $count } top-level units
digest-people = Employees in your scope: { $count }
digest-registered = Registered with Pandu in the last 7 days: { $count }
digest-assessed = Completed an assessment in the last 7 days: { $count }
digest-sessions-none = No training sessions with employees of your scope in the next 7 days.
digest-sessions-head = Training sessions in the next 7 days (participants' answers to the reminder):
digest-session = • { $title }, { $when }: { $hadir } attending, { $tidak } cannot, { $unanswered } not answered
digest-sessions-more = • and { $count } more sessions
digest-sessions-act = Participants, attendance and completing a session: /peserta
digest-open-head = Still waiting for action:
digest-open = • { $label }: { $count } people ({ $command })
digest-summary-act = Per unit: /ringkasan · Full data: /ekspor
digest-subscribe = Send me this every Monday 07:00
digest-unsubscribe = Stop the weekly digest
digest-subscribed = Done: this digest will come every Monday at 07:00 your time (on a holiday, the next working morning). Stop it any time with /rekap.
digest-stopped = Weekly digest stopped. You can still see it any time with /rekap.
digest-no-scope = The weekly digest is for coordinators, and you do not hold the coordinator role for any unit yet. Ask a BKPSDM admin to grant one with /peran.
digest-weekly-intro = Good morning. Here is your weekly digest from Pandu:
digest-preparing = Preparing the digest for a large scope, one moment…
# /tim: atasan langsung dan izin staf / direct supervisors and staff consent
cmd-tim = your direct staff who agreed: levels, JP, training; review their levels
team-none = Pandu does not know you as anyone's direct supervisor. Admins set direct supervisors in the people import (nip_atasan column) or in /profil.
team-title = { $count ->
    [0] 👥 Your team: no direct report has agreed yet.
   *[other] 👥 Your team: { $count } direct reports who let you see their results for development.
}
team-withheld = 🔒 { $count } direct reports have not agreed yet, so nothing of theirs is shown here.
team-help = Press Review to confirm or correct a staff member's self-assessed level, with a short note for them. The level you confirm counts for gaps, unit summaries and mentoring; they still see their own self-assessment.
team-not-assessed = Not assessed yet.
team-assessed-on = Assessed on { $date }: { $gaps } of { $total } competencies below the standard
team-row = { $level ->
    [0] below level 1
   *[other] level { $level }
    } / standard { $required }
team-row-confirmed = { $level ->
    [0] below level 1
   *[other] level { $level }
    } / standard { $required } (self-assessed { $self }, confirmed)
team-enrolments = 📚 { $count } enrolled courses: { $titles }
team-enrolments-none = 📚 Not enrolled in upcoming courses.
team-requests = 📝 { $count } requests awaiting a decision: { $titles }
team-review-button = Review { $name }
team-chart-title = Direct reports' levels against the standard
team-chart-below = below standard
team-chart-meets = meets standard
team-chart-above = above standard
team-chart-caption = Your team's levels: each cell is the level that counts / the required level.
team-not-your-staff = You are not (or no longer) this person's direct supervisor, so their data cannot be opened. Type /tim for the current list.
team-no-consent-now = This staff member does not (or no longer) let their direct supervisor see their results, so their data cannot be opened. Type /tim for the current list.
team-review-not-assessed = { $name } has not taken the assessment, so there is no level to review yet.
team-review-gone = The assessment result under review is no longer there (perhaps a newer one exists). Type /tim to start again.
team-level-question-plain = Which level do you think is right?
team-level-question = { $competency }: self-assessed { $self ->
    [0] below level 1
   *[other] level { $self }
    }, required { $required }. Which level do you think is right?
team-level-agree = As self-assessed ({ $level ->
    [0] below level 1
   *[other] level { $level }
    })
team-level-zero = Below level 1
team-level-n = Level { $level }
team-review-saved = ✅ Saved: { $competency } for { $name } is now level { $level }. { $name } is told, with your note.
team-review-saved-unreachable = ✅ Saved: { $competency } for { $name } is now level { $level }. { $name } cannot be reached by chat yet and will see it in /hasil.
team-told = 📋 Your direct supervisor, { $atasan }, reviewed your assessment. { $competency }: self-assessed { $self }, confirmed at level { $level }.
    Note: { $note }
    Type /hasil to see both levels.
team-consent-question = 🤝 May your direct supervisor see this result, with your JP and training, for your development? They may also confirm your levels. You can change this answer at any time in /profil.
team-consent-allow = Yes
team-consent-deny = No
team-consent-yes = Thank you. Your direct supervisor can now see your results in /tim. Change it at any time in /profil.
team-consent-no = All right, your results are not shown to your direct supervisor. Change it at any time in /profil.
results-confirmed-note-text = 📝 Supervisor's note: { $note }
atasan-show = 🧑‍💼 Your direct supervisor: { $atasan }
    Consent to see your results for development: { $consent }
atasan-none = not recorded
atasan-unknown-nip = NIP { $nip } (not registered in Pandu yet)
atasan-consent-unanswered = not answered (taken as no)
atasan-consent-allowed = given
atasan-consent-refused = not given
atasan-action-allow = Let my direct supervisor see my results
atasan-action-refuse = Do not allow
atasan-action-withdraw = Withdraw consent
atasan-action-staff = Set an employee's direct supervisor (admin)
atasan-action-back = Back to the profile
atasan-admin-only = Setting employees' direct supervisors is for admins only.
atasan-staff-unknown = That NIP was not found among the verified employees in your scope.
atasan-staff-current = { $name }: current direct supervisor { $atasan }.
atasan-nip-invalid = That is not a valid NIP. Type the supervisor's 18-digit NIP, or hapus.
atasan-problem-self = Nobody can be their own direct supervisor. Type someone else's NIP.
atasan-problem-unknown = That NIP was not found among the employees in your scope. Check it, or ask an admin with a wider scope.
atasan-problem-unverified = Whoever holds that NIP is not verified yet, so cannot be a direct supervisor.
atasan-problem-other-instansi = A direct supervisor must be of the same agency as the employee.
atasan-confirm-set = Make { $atasan } the direct supervisor of { $name }?
atasan-confirm-remove = Remove the recorded direct supervisor of { $name }?
atasan-saved = ✅ The direct supervisor of { $name } is saved.
## Session roster (/peserta)
roster-not-koordinator = /peserta is for coordinators only.
roster-none = There is no training session you can see yet: sessions of courses your instansi runs, or that staff in your scope enrolled in (from the start of last month to a year ahead).
roster-none-match = No session matches "{ $query }". Try other words from the title or provider, or type /peserta alone to see them all.
roster-list-title = 📋 Your training sessions, this month first (page { $page } of { $pages }):
roster-list-title-query = 📋 Sessions matching "{ $query }" (page { $page } of { $pages }):
roster-list-line = { $n }. { $title } — { $when } ({ $count } enrolled, quota { $quota })
roster-list-help = Pick a session to see who is enrolled. Search with /peserta followed by words from the title or provider, e.g. /peserta communication.
roster-prev = ‹ Previous
roster-next = Next ›
roster-gone = This session is no longer in the catalog. Type /peserta to pick another.
roster-out-of-scope = This session or person is outside your scope.
roster-session = { $when } · { $provider }
roster-counts = Enrolled: { $count } (quota { $quota }) · Attending: { $hadir } · Cannot attend: { $tidak } · No answer yet: { $none }
roster-present = Counted present when the session is marked completed: { $present } (marked present, or answered Attending and not marked absent).
roster-scope-note = Another provider runs this course: only enrolees in your scope are shown.
roster-empty = Nobody is enrolled yet.
roster-page = Page { $page } of { $pages }:
roster-erased = (data erased)
roster-answer-hadir = ✅ Attending
roster-answer-tidak = ❌ Cannot attend
roster-answer-none = ⏳ No answer yet
roster-marked-hadir = marked present
roster-marked-tidak = marked absent
roster-waitlist-empty = Waiting list: empty.
roster-waitlist = Waiting list: { $count } { $count ->
        [one] person
       *[other] people
    }
roster-waitlist-offered = being offered a seat
roster-help = Press a name to mark attendance or remove the person. "Mark completed" records the JP of everyone present, once.
roster-sheet = Download attendance sheet
roster-sheet-preparing = Preparing the attendance sheet…
roster-sheet-caption = Attendance sheet of "{ $title }": { $count } enrolled.
roster-complete = Mark completed
roster-complete-too-early = This session has not started yet, so it cannot be marked completed.
roster-complete-confirm = Mark "{ $title }" completed? { $count } people present will be recorded as having completed it and get { $jp } JP, and each is told.
roster-complete-yes = Yes, mark completed
roster-complete-done = ✅ Session marked completed: { $count } people recorded with { $jp } JP and told. { $already } were recorded before.
roster-complete-again = This session was already marked completed for the { $count } people present: nothing changed, and no JP was added again.
roster-complete-nobody = Nobody is present yet: mark attendance first by pressing the names.
roster-completed-person = 🎓 Your attendance at "{ $title }" was recorded by the coordinator: { $jp } JP added to your record. See /pelatihan.
roster-back = Back
roster-back-list = Sessions
roster-person = { $name }
    NIP: { $nip } · Unit: { $unit }
    Course: { $title }
roster-mark-hadir = Mark present
roster-mark-tidak = Mark absent
roster-remove = Remove
roster-remove-confirm = Remove { $name } from "{ $title }"? The seat is offered to the first person on the waiting list, and { $name } is told.
roster-remove-yes = Yes, remove
roster-remove-started = This session has started: people can no longer be removed. Mark them absent instead.
roster-person-gone = This person is no longer enrolled in this session.
roster-removed = { $name } was removed from "{ $title }". The seat is offered to the waiting list.
roster-removed-person = The coordinator removed you from "{ $title }" ({ $when }). If this is a mistake, contact your training coordinator.
## /belum: who has not acted yet, and reminder campaigns (coordinators)
nonresp-no-scope = You do not hold the coordinator role for any unit, so there is no list to show.
nonresp-out-of-scope = That unit is outside your scope, so its lists cannot be shown. This request has been recorded.
nonresp-unit-unknown = There is no unit called "{ $query }" in your scope. Check the spelling, or type just /belum for your whole scope.
nonresp-choose-unit = { $count ->
    [one] One unit matches:
   *[other] { $count } units match. Choose one:
}
nonresp-scope = { $count ->
    [one] 1 unit in your scope
   *[other] { $count } units in your scope
}
nonresp-title = 📋 Who has not acted yet: { $unit }
nonresp-help = Press a button to see the names and remind them. For one unit only, type /belum followed by the unit's name.
nonresp-help-unit = Press a button to see the names and remind them. Type just /belum for your whole scope.
nonresp-gone = This button no longer works. Type /belum to open the list again.
nonresp-not-remindable = The people on this list have never contacted Pandu, so Pandu cannot message them. Download the CSV so the agency can contact them directly.
nonresp-reg-line = Not registered in Pandu: { $count } of { $of } (cannot be reached through Pandu)
nonresp-reg-title = { $count ->
    [one] Imported but not registered in { $unit }: 1 person
   *[other] Imported but not registered in { $unit }: { $count } people
}
nonresp-reg-open = Not registered ({ $count })
nonresp-asm-line = { $count ->
    [one] Not assessed this year: 1 person
   *[other] Not assessed this year: { $count } people
}
nonresp-asm-title = { $count ->
    [one] Registered but not assessed this year in { $unit }: 1 person
   *[other] Registered but not assessed this year in { $unit }: { $count } people
}
nonresp-asm-open = Not assessed ({ $count })
nonresp-asm-reminder = Hello { $name }, you have not taken this year's competency self-assessment yet. It takes about 15 minutes, and the result helps find the training that suits you best.
nonresp-asm-open-button = Start the assessment
nonresp-srv-line = Survey not answered: { $count } of { $of } invitations
nonresp-srv-title = { $count ->
    [one] Invited to a survey but not answered in { $unit }: 1 person (of { $of } invitations)
   *[other] Invited to a survey but not answered in { $unit }: { $count } people (of { $of } invitations)
}
nonresp-srv-open = Survey not answered ({ $count })
nonresp-srv-reminder = Hello { $name }, the { $title } survey is still waiting for your answers. They help improve the next training.
nonresp-jp-line = { $count ->
    [one] Behind the yearly JP pace: 1 person
   *[other] Behind the yearly JP pace: { $count } people
}
nonresp-jp-title = { $count ->
    [one] Behind the yearly JP pace in { $unit }: 1 person
   *[other] Behind the yearly JP pace in { $unit }: { $count } people
}
nonresp-jp-open = Behind on JP ({ $count })
nonresp-jp-reminder = Hello { $name }, your JP this year is still below the pace needed to reach your target. See training that suits you with the button below.
nonresp-jp-open-button = See recommendations
nonresp-reg-label = Not registered in Pandu
nonresp-asm-label = Not assessed this year
nonresp-srv-label = Survey not answered
nonresp-jp-label = Behind the yearly JP pace
nonresp-ack-label = Broadcast not answered
nonresp-ack-line = { $count ->
    [one] Broadcast of the last 30 days not answered: 1 person
   *[other] Broadcast of the last 30 days not answered: { $count } people
}
nonresp-ack-title = { $count ->
    [one] Sent a broadcast that asks for an answer but not answered, in { $unit }: 1 person
   *[other] Sent a broadcast that asks for an answer but not answered, in { $unit }: { $count } people
}
nonresp-ack-open = Broadcast not answered ({ $count })
nonresp-ack-reminder = Hello { $name }, the announcement below asks for your answer and you have not given it yet. Just press one of the buttons under it.
nonresp-uncounted = { $label }: counted when you open the list (this scope is large)
nonresp-lag-note = ℹ️ Registration and assessment figures come from the running summary, so they can lag by about a minute.
nonresp-walk-title = { $label } in { $unit }
nonresp-walk-note = This scope is large, so the list is read unit by unit and no total is shown. Press "Next" to go on.
nonresp-walk-end = No more names after this.
nonresp-page-open = Page { $page }
nonresp-first = « From the start
nonresp-reading = ⏳ Reading { $count } people in this scope; this takes a moment.
nonresp-unreachable-note = ⚠️ They have never contacted Pandu, so they cannot be reminded through Pandu. Download the "never contacted" CSV (NIP, name, unit) so the agency can contact them.
nonresp-none = Nobody. Everyone has done it. 🎉
nonresp-page = Page { $page } of { $pages }
nonresp-prev = « Previous
nonresp-next = Next »
nonresp-remind = 🔔 Remind those who have not
nonresp-csv = 📄 Download the never-contacted CSV
nonresp-back = ↩️ Back to the overview
nonresp-back-list = ↩️ Back to the list
nonresp-recent = { $count ->
    [one] 1 person was reminded in the last 3 days, so they are not sent another.
   *[other] { $count } people were reminded in the last 3 days, so they are not sent another.
}
nonresp-unreachable = { $count ->
    [one] 1 person cannot be reached through Pandu.
   *[other] { $count } people cannot be reached through Pandu.
}
nonresp-deadline-now = This campaign's deadline: { $date }.
nonresp-confirm = { $count ->
    [one] 🔔 A reminder will go to 1 person.
   *[other] 🔔 A reminder will go to { $count } people.
}
nonresp-confirm-help = Messages go outside each person's quiet hours and not on holidays. You can also give a deadline: Pandu then reminds again 3 days and 1 day before it, only those who still have not acted.
nonresp-send = Send now
nonresp-send-deadline = Send, deadline in { $days } days
nonresp-cancel = Cancel
nonresp-none-due = No reminder was sent: everyone on this list was reminded in the last 3 days. Each person is reminded at most once in 3 days; the next reminder can go from { $date }.
nonresp-none-reachable = No reminder was sent: nobody on this list can be reached through Pandu.
nonresp-sent = { $count ->
    [one] ✅ 1 reminder scheduled. Anyone in their quiet hours or on a holiday gets it afterwards.
   *[other] ✅ { $count } reminders scheduled. Anyone in their quiet hours or on a holiday gets it afterwards.
}
nonresp-deadline-set = Deadline: { $date }. Those who still have not acted will be reminded automatically 3 days and 1 day before it.
nonresp-csv-empty = There are no imported employees who have never contacted Pandu.
nonresp-csv-caption = { $count ->
    [one] 📄 1 employee has never contacted Pandu: NIP, name and unit, so the agency can contact them directly. Contains personal data; keep it safe.
   *[other] 📄 { $count } employees have never contacted Pandu: NIP, name and unit, so the agency can contact them directly. Contains personal data; keep it safe.
}

## Issue 21, /umumkan attachments from Slack (s21-files)
brd-attachment-too-large = This file is larger than 5 MB, so Pandu cannot upload it again to the recipients. Send a smaller file, or press Skip.
brd-attached-elsewhere-slack = { $count ->
    [one] 1 recipient uses Telegram: they get the text only, with a note that the attachment is only on Slack.
   *[other] { $count } recipients use Telegram: they get the text only, with a note that the attachment is only on Slack.
}
brd-file-note-slack = 📎 This announcement came with an attachment ({ $name }) that can only be sent on Slack. If you need it, please ask { $sender }.
brd-file-unsent = 📎 This announcement came with an attachment ({ $name }) that could not be sent (it may have been deleted). If you need it, please ask { $sender }.

## Feedback on long work and Excel files (issue 21: feedback & .xlsx)
export-progress = ⏳ Preparing the export… { $done } of { $total } rows done.
export-xlsx-offer = Prefer Excel? The .xlsx file has numbers and dates ready to sum and sort, with a header row that stays in view.
export-xlsx-button = 📊 Download as Excel (.xlsx)
summary-preparing = ⏳ Putting the summary together… one moment, the figures follow here.
training-export-preparing = ⏳ Preparing your training history file for SIASN…
privacy-export-preparing = ⏳ Gathering your data into one file… it will be sent here shortly.
roster-sheet-xlsx = 📊 Excel version

# Slack modals (issue 21, modals slice)
slack-modal-submit = Next
slack-modal-close = Close
slack-modal-answer = Your answer
slack-modal-search = Or type part of a name to search
slack-modal-file-skip = This form cannot take files yet. Press Skip to go on without one, or close the form and send the file to Pandu in a direct message.
slack-modal-file-chat = This step needs a file, which this form cannot take yet. The question has been sent to your direct message with Pandu: send the file there.
slack-modal-working = Working on it… This form will change by itself once done.
slack-modal-closed = Form closed. The answers you gave are kept: { $command } opens it again at the last question, or type /pandu batal to cancel it.
