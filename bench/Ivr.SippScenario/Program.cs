using Ivr.Testing;

// Usage: ivr-sipp-scenario OUT.xml [--short | --desk | --phone | --person | --machine | --unanswered]
// The benchmark's patient, written beside OUT.xml with its pcaps. Many calls run at once from one
// SIPp here, so the media keeps the prompts' timing instead of waiting on cues: the patient leaves a
// routine message (1, a name and #, 1 for the caller id, 2 routine, a message and #, 1 to keep) and
// waits for the service to hang up. With --short it hangs up after the greeting and main menu; with
// --desk it presses 2 for someone now and waits (for an operator, then while the operator talks) until
// the service hangs up. --phone writes the desk run's operator phone instead: it rings, answers at once
// and stays until hung up. The campaign run's patients' phones: --person says hello, then presses 1 every few
// seconds on its own timing (no cues: whichever press lands in the menu confirms; presses while the message plays
// are not heard); --machine plays a long greeting (AMD takes it for a machine) and stays for the voicemail;
// --unanswered rings until the service gives up.
string[] modes = ["--short", "--desk", "--phone", "--person", "--machine", "--unanswered"];
if (args.Length is < 1 or > 2 || (args.Length == 2 && !modes.Contains(args[1])))
{
    Console.Error.WriteLine("usage: ivr-sipp-scenario OUT.xml [--short | --desk | --phone | --person | --machine | --unanswered]");
    return 2;
}

var beat = TimeSpan.FromSeconds(1);
var greeting = PromptDurations.Of("greeting-riverside-pediatrics", "emergency") + beat;
var mode = args.Length == 2 ? args[1] : null;
var patient = mode switch
{
    "--short" => SippScript.Patient().Wait(greeting).Wait(PromptDurations.Of("main-menu")).HangUp(),
    "--desk" => SippScript.Patient().Wait(greeting).Press('2'),
    "--phone" => SippScript.Phone(),
    "--person" => PersonPressingOne(),
    "--machine" => SippScript.Phone().PlayGreeting(),
    "--unanswered" => SippScript.PhoneThatNeverAnswers(),
    _ => SippScript.Patient()
        .Wait(greeting).Press('1')
        .Wait(PromptDurations.Of("record-name") + beat).Speak().Press('#')
        .Wait(beat).Press('1')
        .Wait(beat).Press('2')
        .Wait(PromptDurations.Of("record-message") + beat).Speak().Press('#')
        .Wait(beat).Press('1'),
};
var target = Path.GetFullPath(args[0]);
patient.WriteTo(Path.GetDirectoryName(target)!, "5551234567", Path.GetFileNameWithoutExtension(target));
return 0;

// The person says hello 1.5 s after picking up (the line sends silent audio until then, so AMD() is listening when
// the word comes); AMD() hears it and the silence after it, then the practice and the campaign's words play; the menu
// waits 6 s for a key and is asked three times. A press every 2.5 s from 5 s to 35 s after the answer lands in one.
static SippScript PersonPressingOne()
{
    var person = SippScript.Phone().SayHello(TimeSpan.FromMilliseconds(1500)).Wait(TimeSpan.FromSeconds(5));
    for (var press = 0; press < 12; press++)
    {
        person.Press('1').Wait(TimeSpan.FromMilliseconds(2100));
    }

    return person;
}
