namespace Kimera.TestSupport.FakeOpenAi;

/// <summary>The text a <see cref="FakeOpenAiServer"/> answer puts around its JSON verdict, each as real models send it.</summary>
public enum FakeAnswerStyle
{
    /// <summary>The JSON object alone, as the prompt asks.</summary>
    Json,

    /// <summary>A leading <c>&lt;think&gt;…&lt;/think&gt;</c> block, then the JSON in a ```json fence (DeepSeek-R1, Qwen3
    /// through Ollama). The thinking holds braces and a draft of the JSON with the opposite verdict.</summary>
    ThinkingThenFence,

    /// <summary>A sentence with braces before the JSON and one after it (chat models that ignore "nothing else").</summary>
    Prose,

    /// <summary>The JSON object whose <c>reasoning</c> string holds <c>}</c> and <c>{</c>, then a note with a brace of its own.</summary>
    BracesInStrings,
}
