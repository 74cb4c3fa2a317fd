namespace GoldenThread.Worker;

/// <summary>
/// Runs one kind of job; registered with <see cref="WorkerSetup.AddJobHandler{THandler}"/> under its kind. A
/// handler is resolved from a fresh DI scope for each run (so it has its own database context); it returns
/// when the work is done and throws when it failed, and the worker retries it. Its cancellation token is
/// cancelled when the worker stops, and when another worker has taken the job over (this worker's lease ran
/// out): a long job should pass it on, so that it stops rather than runs twice at once.
/// </summary>
public interface IJobHandler
{
    Task RunAsync(Job job, CancellationToken cancellationToken);
}
