namespace Ivr.Domain.Flow;

/// <summary>Every fixed prompt the flow plays; each must be listed in prompts/manifest.txt (a test checks).</summary>
public static class PromptIds
{
    public const string GreetingDefault = "greeting-default";
    public const string PracticeNameDefault = "practice-name-default";
    public const string Emergency = "emergency";
    public const string MainMenu = "main-menu";
    public const string MainMenuNurse = "main-menu-nurse";
    public const string InvalidChoice = "invalid-choice";

    /// <summary>The main menu said from the practice's choices: each choice's words, then "press N".</summary>
    public const string MenuMessage = "menu-message";
    public const string MenuLivePerson = "menu-live-person";
    public const string MenuNurse = "menu-nurse";
    public const string MenuOfficeInformation = "menu-office-information";
    public const string MenuAppointment = "menu-appointment";
    public const string Press0 = "press-0";
    public const string Press1 = "press-1";
    public const string Press2 = "press-2";
    public const string Press3 = "press-3";
    public const string Press4 = "press-4";
    public const string Press5 = "press-5";
    public const string Press6 = "press-6";
    public const string Press7 = "press-7";
    public const string Press8 = "press-8";
    public const string Press9 = "press-9";

    /// <summary>Said instead of office information whose audio is not there (never synthesised on a call).</summary>
    public const string OfficeInformationUnavailable = "office-information-unavailable";
    public const string SomeoneNowMenu = "someone-now-menu";
    public const string PleaseHold = "please-hold";
    public const string NoPhysician = "no-physician";
    public const string DeskHold = "desk-hold";
    public const string DeskNurseHold = "desk-nurse-hold";
    public const string DeskNurseTransfer = "desk-nurse-transfer";
    public const string DeskNoNurse = "desk-no-nurse";

    public const string DeskUrgentAsk = "desk-urgent-ask";

    public const string DeskUrgentNoted = "desk-urgent-noted";
    public const string DeskPosition = "desk-position";
    public const string DeskInLine = "desk-in-line";
    public const string DeskExpectedWait = "desk-expected-wait";
    public const string DeskMinutes = "desk-minutes";
    public const string DeskUnderAMinute = "desk-under-a-minute";
    public const string DeskMaxHoldMenu = "desk-max-hold-menu";
    public const string DeskMaxHoldMenuNoDoctor = "desk-max-hold-menu-no-doctor";
    public const string DeskStillHolding = "desk-still-holding";
    public const string DeskWhisperIntro = "desk-whisper-intro";
    public const string RecordName = "record-name";
    public const string CallbackOffer = "callback-offer";
    public const string CallbackEnter = "callback-enter";
    public const string CallbackYouEntered = "callback-you-entered";
    public const string CallbackConfirm = "callback-confirm";
    public const string UrgencyMenu = "urgency-menu";
    public const string RecordMessage = "record-message";
    public const string ReviewMenu = "review-menu";
    public const string MessageSavedUrgent = "message-saved-urgent";
    public const string MessageSavedRoutine = "message-saved-routine";
    public const string MessageNotSaved = "message-not-saved";
    public const string AppointmentStanding = "appointment-standing";
    public const string AppointmentName = "appointment-name";
    public const string AppointmentBirthDate = "appointment-birth-date";
    public const string AppointmentBirthDateInvalid = "appointment-birth-date-invalid";
    public const string AppointmentBirthDateYouEntered = "appointment-birth-date-you-entered";
    public const string AppointmentDays = "appointment-days";
    public const string AppointmentDay = "appointment-day";
    public const string AppointmentTime = "appointment-time";
    public const string AppointmentReason = "appointment-reason";
    public const string AppointmentSlotsIntro = "appointment-slots-intro";
    public const string AppointmentSlotsOffice = "appointment-slots-office";
    public const string AppointmentSlotTaken = "appointment-slot-taken";
    public const string AppointmentOfficeWillCall = "appointment-office-will-call";
    public const string AppointmentBooked = "appointment-booked";
    public const string AppointmentReceived = "appointment-received";
    public const string Goodbye = "goodbye";
    public const string WhisperIntro = "whisper-intro";
    public const string WhisperCallerNumber = "whisper-caller-number";
    public const string WhisperMenu = "whisper-menu";
    public const string Connecting = "connecting";
    public const string PageIntro = "page-intro";
    public const string PagePress1 = "page-press-1";
    public const string PageCallerName = "page-caller-name";
    public const string PageCallback = "page-callback";
    public const string PageMessage = "page-message";
    public const string PageMenu = "page-menu";
    public const string PageAcknowledged = "page-acknowledged";
    public const string PageAlreadyAcknowledged = "page-already-acknowledged";
    public const string PageCallingPatient = "page-calling-patient";
    public const string PageNoCallback = "page-no-callback";
    public const string PagePatientNoAnswer = "page-patient-no-answer";
    public const string PageTypedUnreadable = "page-typed-unreadable";

    public const string OutboundMenu = "outbound-menu";
    public const string OutboundMenuReschedule = "outbound-menu-reschedule";
    public const string OutboundConfirmed = "outbound-confirmed";
    public const string OutboundSlotsIntro = "outbound-slots-intro";
    public const string OutboundSlot1 = "outbound-slot-1";
    public const string OutboundSlot2 = "outbound-slot-2";
    public const string OutboundSlot3 = "outbound-slot-3";
    public const string OutboundSlotsOffice = "outbound-slots-office";
    public const string OutboundSlotChosen = "outbound-slot-chosen";
    public const string OutboundSlotConfirm = "outbound-slot-confirm";
    public const string OutboundSlotTaken = "outbound-slot-taken";
    public const string OutboundRescheduled = "outbound-rescheduled";
    public const string OutboundNoSlots = "outbound-no-slots";
    public const string OutboundConnecting = "outbound-connecting";
    public const string OutboundOfficeCalls = "outbound-office-calls";
    public const string OutboundOptedOut = "outbound-opted-out";
    public const string OutboundGoodbye = "outbound-goodbye";
    public const string PromptLinePin = "prompt-line-pin";
    public const string PromptLineClosed = "prompt-line-closed";
    public const string PromptLinePinWrong = "prompt-line-pin-wrong";
    public const string PromptLineNumber = "prompt-line-number";
    public const string PromptLineUnknown = "prompt-line-unknown";
    public const string PromptLineCurrent = "prompt-line-current";
    public const string PromptLineRecord = "prompt-line-record";
    public const string PromptLineUnusable = "prompt-line-unusable";
    public const string PromptLineYours = "prompt-line-yours";
    public const string PromptLineReview = "prompt-line-review";
    public const string PromptLineKept = "prompt-line-kept";

    /// <summary>"Press N for": the slot's key, said before its time.</summary>
    public static string OutboundSlotPress(int key) => key switch
    {
        1 => OutboundSlot1,
        2 => OutboundSlot2,
        3 => OutboundSlot3,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "slots are offered on keys 1 to 3"),
    };

    /// <summary>"Press N." for a menu key 0-9.</summary>
    public static string Press(char key) => key is >= '0' and <= '9'
        ? $"press-{key}"
        : throw new ArgumentOutOfRangeException(nameof(key), key, "menu keys are digits 0-9");

    /// <summary>Every constant above, for the manifest check.</summary>
    public static IReadOnlyList<string> All { get; } =
        typeof(PromptIds).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToArray();
}
