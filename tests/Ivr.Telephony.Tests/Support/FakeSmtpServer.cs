using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Ivr.Telephony.Tests.Support;

/// <summary>
/// An SMTP server on a free loopback port that speaks enough of the real protocol (RFC 5321: EHLO,
/// STARTTLS with a self-signed certificate, AUTH PLAIN/LOGIN, MAIL, RCPT, DATA, QUIT) for a real client,
/// and keeps what it was told: every command line and every mail's raw text.
/// </summary>
public sealed class FakeSmtpServer : IAsyncDisposable
{
    // One certificate for every server: making a key takes longer than a test should.
    private static readonly Lazy<X509Certificate2> SharedCertificate = new(SelfSigned);
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<string> _commands = [];
    private readonly List<string> _mails = [];
    private readonly bool _offerStartTls;
    private readonly Task _accepting;

    public FakeSmtpServer(bool offerStartTls = false)
    {
        _offerStartTls = offerStartTls;
        Certificate = SharedCertificate.Value;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The self-signed certificate STARTTLS presents (for pinning).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Every command line received, in order (AUTH's payload lines included as sent).</summary>
    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_commands)
            {
                return [.. _commands];
            }
        }
    }

    /// <summary>The raw text of every mail accepted.</summary>
    public IReadOnlyList<string> Mails
    {
        get
        {
            lock (_mails)
            {
                return [.. _mails];
            }
        }
    }

    /// <summary>Whether any session was upgraded to TLS before it authenticated or sent.</summary>
    public bool UsedTls { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        Stream stream = client.GetStream();
        try
        {
            var reader = new StreamReader(stream, Encoding.ASCII);
            await WriteAsync(stream, "220 fake.smtp.test ESMTP ready");
            while (await reader.ReadLineAsync(_stopping.Token) is { } line)
            {
                Record(line);
                var verb = (line.Split(' ', 2)[0]).ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        var tls = stream is SslStream;
                        await WriteAsync(stream, "250-fake.smtp.test" + (_offerStartTls && !tls ? "\r\n250-STARTTLS" : string.Empty) + "\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME");
                        break;
                    case "HELO":
                        await WriteAsync(stream, "250 fake.smtp.test");
                        break;
                    case "STARTTLS" when _offerStartTls && stream is not SslStream:
                        await WriteAsync(stream, "220 go ahead");
                        var ssl = new SslStream(stream);
                        await ssl.AuthenticateAsServerAsync(Certificate);
                        stream = ssl;
                        reader = new StreamReader(stream, Encoding.ASCII);
                        UsedTls = true;
                        break;
                    case "AUTH":
                        await AuthenticateAsync(stream, reader, line);
                        break;
                    case "MAIL":
                    case "RCPT":
                    case "RSET":
                    case "NOOP":
                        await WriteAsync(stream, "250 ok");
                        break;
                    case "DATA":
                        await WriteAsync(stream, "354 end with <CRLF>.<CRLF>");
                        var mail = new StringBuilder();
                        while (await reader.ReadLineAsync(_stopping.Token) is { } data && data != ".")
                        {
                            mail.Append(data.StartsWith("..", StringComparison.Ordinal) ? data[1..] : data).Append("\r\n");
                        }

                        lock (_mails)
                        {
                            _mails.Add(mail.ToString());
                        }

                        await WriteAsync(stream, "250 queued");
                        break;
                    case "QUIT":
                        await WriteAsync(stream, "221 bye");
                        return;
                    default:
                        await WriteAsync(stream, "502 not implemented");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
        {
            // The client went away, or the test ended.
        }
    }

    private async Task AuthenticateAsync(Stream stream, StreamReader reader, string line)
    {
        var parts = line.Split(' ');
        if (parts.Length > 1 && parts[1].Equals("LOGIN", StringComparison.OrdinalIgnoreCase))
        {
            await WriteAsync(stream, "334 VXNlcm5hbWU6");
            Record(await reader.ReadLineAsync(_stopping.Token) ?? string.Empty);
            await WriteAsync(stream, "334 UGFzc3dvcmQ6");
            Record(await reader.ReadLineAsync(_stopping.Token) ?? string.Empty);
        }
        else if (parts.Length == 2)
        {
            await WriteAsync(stream, "334 ");
            Record(await reader.ReadLineAsync(_stopping.Token) ?? string.Empty);
        }

        await WriteAsync(stream, "235 authenticated");
    }

    private void Record(string line)
    {
        lock (_commands)
        {
            _commands.Add(line);
        }
    }

    private async Task WriteAsync(Stream stream, string reply)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"), _stopping.Token);
        await stream.FlushAsync(_stopping.Token);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=fake.smtp.test", key, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
