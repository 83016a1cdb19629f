namespace Ivr.StateMachine.Tests.Support;

public static class TaskExtensions
{
    /// <summary>A generous bound so a broken test fails instead of hanging; never a timing assumption.</summary>
    public static Task<T> Bounded<T>(this Task<T> task) => task.WaitAsync(TimeSpan.FromSeconds(30));

    public static Task Bounded(this Task task) => task.WaitAsync(TimeSpan.FromSeconds(30));
}
