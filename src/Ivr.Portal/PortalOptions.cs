namespace Ivr.Portal;

/// <summary>The web portal and its JSON API (section <c>Portal</c>).</summary>
public sealed class PortalOptions
{
    /// <summary>Serve the portal from this process. Default true; false starts no web listener at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Address to listen on. Default <c>127.0.0.1</c>: put a reverse proxy in front to reach it from elsewhere.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>HTTPS port. Default 5443; 0 picks a free one (tests).</summary>
    public int Port { get; set; } = 5443;

    /// <summary>
    /// PKCS#12 certificate for HTTPS. Default <c>data/portal/certificate.pfx</c>; when the file is missing a
    /// self-signed one is created at first start, its random password kept beside it in
    /// <c>certificate.key</c> (both mode 0600).
    /// </summary>
    public string CertificatePath { get; set; } = "data/portal/certificate.pfx";

    /// <summary>
    /// Password of <see cref="CertificatePath"/> when it is not in the key file beside it (e.g. from
    /// <c>Portal__CertificatePassword</c>). Default none.
    /// </summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// Where the keys that sign sign-in cookies are kept, encrypted with the patient-data key. Default
    /// <c>data/portal/keys</c>; several processes behind one balancer share it.
    /// </summary>
    public string KeysDirectory { get; set; } = "data/portal/keys";

    /// <summary>
    /// The address people reach the portal at (behind a proxy, the proxy's), used in the links the portal
    /// hands out (calendar feeds); never taken from a request's Host header, which the client chooses.
    /// Default empty: <c>https://{Address}:{Port}</c>.
    /// </summary>
    public string PublicUrl { get; set; } = string.Empty;

    /// <summary>
    /// <see cref="PublicUrl"/>, or else the address the portal listens on (<paramref name="listening"/>, the
    /// bound one: with <see cref="Port"/> 0 the system picks the port), never the request's; no trailing slash.
    /// </summary>
    public string EffectivePublicUrl(string? listening) =>
        PublicUrl.Length > 0 ? PublicUrl.TrimEnd('/') : listening?.TrimEnd('/') ?? $"https://{Address}:{Port}";

    /// <summary>Signed-in users who do nothing for this long are signed out. Default 15 minutes.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Wrong passwords in a row before each further try must wait (2, 4, 8 … seconds). Default 5.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>The longest wait between tries after wrong passwords; the account is never locked for longer. Default 1 minute.</summary>
    public TimeSpan MaxSignInDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A session's absolute lifetime from sign-in, however active its user. Default 12 hours.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Sign-in posts one client address may make per minute before the answer is 429. Default 10.</summary>
    public int SignInsPerAddressPerMinute { get; set; } = 10;

    /// <summary>Sign-in posts from all addresses together per minute before the answer is 429. Default 100.</summary>
    public int SignInsPerMinute { get; set; } = 100;

    /// <summary>Requests for patients' confirmation pages (<c>/confirm/{token}</c>) one client address may make per minute before the answer is 429. Default 20.</summary>
    public int LinkRequestsPerAddressPerMinute { get; set; } = 20;

    /// <summary>Requests for patients' confirmation pages from all addresses together per minute before the answer is 429. Default 600.</summary>
    public int LinkRequestsPerMinute { get; set; } = 600;

    /// <summary>Shortest password <c>ivr user add</c> accepts. Default 12 characters.</summary>
    public int MinimumPasswordLength { get; set; } = 12;

    /// <summary>Graphviz's <c>dot</c>, which lays out the call-flow diagram (once per process). Default <c>dot</c> on PATH.</summary>
    public string GraphvizDot { get; set; } = "dot";

    public void Validate()
    {
        if (!System.Net.IPAddress.TryParse(Address, out _))
        {
            throw new ArgumentException($"Portal:Address '{Address}' is not an IP address.");
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"Portal:Port {Port} is out of range.");
        }

        if (IdleTimeout <= TimeSpan.Zero || MaxSignInDelay <= TimeSpan.Zero || SessionLifetime <= TimeSpan.Zero || MaxFailedSignIns < 1 || MinimumPasswordLength < 8)
        {
            throw new ArgumentException("Portal:IdleTimeout, Portal:MaxSignInDelay and Portal:SessionLifetime must be positive, Portal:MaxFailedSignIns at least 1, Portal:MinimumPasswordLength at least 8.");
        }

        if (SignInsPerAddressPerMinute < 1 || SignInsPerMinute < SignInsPerAddressPerMinute)
        {
            throw new ArgumentException("Portal:SignInsPerAddressPerMinute must be at least 1 and Portal:SignInsPerMinute at least as many.");
        }

        if (LinkRequestsPerAddressPerMinute < 1 || LinkRequestsPerMinute < LinkRequestsPerAddressPerMinute)
        {
            throw new ArgumentException("Portal:LinkRequestsPerAddressPerMinute must be at least 1 and Portal:LinkRequestsPerMinute at least as many.");
        }
    }
}
