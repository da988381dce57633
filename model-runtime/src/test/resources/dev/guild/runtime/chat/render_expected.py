"""Renders the expected prompts for ChatTemplateTest with Python Jinja2, set up like Hugging Face's
apply_chat_template (trim_blocks, lstrip_blocks, raise_exception, strftime_now, tojson = json.dumps
with ensure_ascii=False). Run from this directory: python3 render_expected.py
Tool-call arguments are objects for templates that apply tojson to them, strings otherwise (as in
dev.guild.runtime.chat.ChatTemplate)."""
import datetime, json, os, re
from jinja2.sandbox import ImmutableSandboxedEnvironment

NOW = datetime.datetime(2026, 11, 25, 9, 30, tzinfo=datetime.timezone.utc)
BUILT_IN = "../../../../../../main/resources/dev/guild/runtime/chat/templates/"
CASES = {  # template file -> (bos, eos, conversations)
    BUILT_IN + "qwen.jinja": ("", "<|im_end|>", ["plain", "tools"]),
    BUILT_IN + "granite.jinja": ("", "<|end_of_text|>", ["plain", "tools", "alternating"]),
    BUILT_IN + "deepseek.jinja": ("<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>", ["plain", "tools"]),
    BUILT_IN + "mistral.jinja": ("<s>", "</s>", ["plain", "tools"]),
    BUILT_IN + "llama3.jinja": ("<|begin_of_text|>", "<|eot_id|>", ["plain", "tools"]),
    "qwen3.jinja": ("", "<|im_end|>", ["plain", "tools"]),
    "deepseek-v3.1.jinja": ("<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>", ["plain", "tools"]),
    "mixtral.jinja": ("<s>", "</s>", ["alternating"]),
    "llama3-instruct.jinja": ("<|begin_of_text|>", "<|eot_id|>", ["plain"]),
}


def raise_exception(message):
    raise ValueError(message)


def messages_for(conversation, object_arguments):
    out = []
    for m in conversation:
        m = dict(m)
        if "tool_calls" in m:
            m["tool_calls"] = [{"id": c["id"], "type": "function", "function": {"name": c["name"],
                                "arguments": json.loads(c["arguments"]) if object_arguments else c["arguments"]}}
                               for c in m["tool_calls"]]
        out.append(m)
    return out


def main():
    data = json.load(open("conversations.json", encoding="utf-8"))
    tools = [{"type": "function", "function": t} for t in data["tools"]]
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = lambda fmt: NOW.strftime(fmt)
    env.filters["tojson"] = lambda x, ensure_ascii=False, indent=None, separators=None, sort_keys=False: json.dumps(
        x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)
    os.makedirs("expected", exist_ok=True)
    for path, (bos, eos, names) in CASES.items():
        source = open(path, encoding="utf-8").read()
        template = env.from_string(source)
        object_arguments = re.search(r"arguments\s*\|\s*tojson", source) is not None
        for name in names:
            conversation = data["conversations"][name]
            variables = {"messages": messages_for(conversation, object_arguments), "add_generation_prompt": True,
                         "bos_token": bos, "eos_token": eos}
            if name == "tools":
                variables["tools"] = tools
            out = template.render(**variables)
            target = "expected/" + os.path.basename(path).replace(".jinja", "") + "." + name + ".txt"
            open(target, "w", encoding="utf-8").write(out)
            print(target, len(out))


main()
