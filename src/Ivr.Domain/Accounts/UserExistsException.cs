namespace Ivr.Domain.Accounts;

/// <summary>An account with this username exists already.</summary>
public sealed class UserExistsException(string username) : Exception($"a user named '{username}' exists already.");
