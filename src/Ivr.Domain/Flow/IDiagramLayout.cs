namespace Ivr.Domain.Flow;

/// <summary>Lays a voice script's Graphviz description out as SVG (done by a program outside the domain).</summary>
public interface IDiagramLayout
{
    /// <summary>The SVG drawing of <paramref name="dot"/>, or why there is none.</summary>
    Task<DiagramLayout> LayOutAsync(string dot, CancellationToken cancellationToken = default);
}

/// <summary>The SVG markup, or <see cref="Problem"/> saying why there is none.</summary>
public sealed record DiagramLayout(string? Svg, string? Problem);
