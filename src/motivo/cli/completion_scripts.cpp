#include <motivo/cli/completion_scripts.hpp>

#include <fmt/format.h>

#include <functional>
#include <string_view>

namespace motivo::cli {

namespace {

// Calls `visit(path, command)` for the program (path "motivo") and every command under it ("motivo policy check").
void for_each_command(const CommandInfo& command, const std::string& path,
                      const std::function<void(const std::string&, const CommandInfo&)>& visit)
{
  visit(path, command);
  for (const CommandInfo& sub : command.commands) for_each_command(sub, path + " " + sub.name, visit);
}

// A word inside single quotes for a shell (bash, zsh and fish read '\'' alike outside fish; fish gets \').
std::string single_quoted(std::string_view text, bool fish = false)
{
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'')
      out += fish ? "\\'" : "'\\''";
    else if (fish && c == '\\')
      out += "\\\\";
    else
      out += c;
  }
  return out + "'";
}

std::string joined(const std::vector<std::string>& words, std::string_view separator = " ")
{
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : std::string(separator)) + w;
  return out;
}

// What a value completes to, as the bash and zsh scripts encode it: "@id" for invitation ids (followed by the words
// an argument also takes, as decide's decisions beside its ids), "@file" for anything, else the words.
std::string value_code(const OptionInfo& o)
{
  if (o.kind == ValueKind::invitation) return o.choices.empty() ? "@id" : "@id " + joined(o.choices);
  if (o.kind == ValueKind::choice) return joined(o.choices);
  return "@file";
}

// The tables both bash and zsh scripts read: keyed by command path, and by "path|option" or "path|N" (the Nth
// argument; "path|+" for an argument that repeats).
std::string shell_tables(const CommandInfo& root, std::string_view declare)
{
  std::string paths, commands, options, values, arguments, help;
  for_each_command(root, "motivo", [&](const std::string& path, const CommandInfo& c) {
    std::vector<std::string> subs, names;
    for (const CommandInfo& sub : c.commands)
      if (!sub.hidden) {
        subs.push_back(sub.name);
        help += fmt::format("  [{}]={}\n", single_quoted(path + " " + sub.name), single_quoted(sub.help));
      }
    paths += fmt::format("  [{}]=1\n", single_quoted(path));
    commands += fmt::format("  [{}]={}\n", single_quoted(path), single_quoted(joined(subs)));
    for (const OptionInfo& o : c.options) {
      names.insert(names.end(), o.names.begin(), o.names.end());
      if (o.kind == ValueKind::flag) continue;
      for (const std::string& name : o.names)
        values +=
            fmt::format("  [{}]={}\n", single_quoted(fmt::format("{}|{}", path, name)), single_quoted(value_code(o)));
    }
    options += fmt::format("  [{}]={}\n", single_quoted(path), single_quoted(joined(names)));
    for (std::size_t i = 0; i < c.arguments.size(); ++i) {
      const OptionInfo& a = c.arguments[i];
      arguments +=
          fmt::format("  [{}]={}\n", single_quoted(path + "|" + std::to_string(i)), single_quoted(value_code(a)));
      if (a.repeats) arguments += fmt::format("  [{}]={}\n", single_quoted(path + "|+"), single_quoted(value_code(a)));
    }
  });
  return fmt::format("{0} _motivo_paths=(\n{1})\n{0} _motivo_commands=(\n{2})\n{0} _motivo_options=(\n{3})\n"
                     "{0} _motivo_values=(\n{4})\n{0} _motivo_arguments=(\n{5})\n{0} _motivo_help=(\n{6})\n",
                     declare, paths, commands, options, values, arguments, help);
}

// The shell function both scripts share (bash and zsh read the same code here): walks the words before the cursor
// and sets the command path, the number of arguments given, the option whose value is being typed, and the --db and
// --as given, which complete-ids must honour.
constexpr std::string_view walk_words = R"(_motivo_walk() {
  # $1...: the words before the current one, the program's name first
  _motivo_path=motivo _motivo_n=0 _motivo_pending='' _motivo_flags=()
  local w
  shift
  for w in "$@"; do
    if [[ -n $_motivo_pending ]]; then
      [[ $_motivo_pending == --db || $_motivo_pending == --as ]] && _motivo_flags+=("$_motivo_pending" "$w")
      _motivo_pending=''
      continue
    fi
    case $w in
      --db=* | --as=*) _motivo_flags+=("${w%%=*}" "${w#*=}"); continue ;;
      -*=*) continue ;;
      -*)
        [[ -n ${_motivo_values[$_motivo_path|$w]+x} ]] && _motivo_pending=$w
        continue ;;
    esac
    local next="$_motivo_path $w"
    if [[ -n ${_motivo_paths[$next]+x} && $_motivo_n -eq 0 ]]; then
      _motivo_path=$next
    else
      _motivo_n=$((_motivo_n + 1))
    fi
  done
}

# What the value being typed may be: the code of the pending option, or of the next argument.
_motivo_code() {
  if [[ -n $_motivo_pending ]]; then
    _motivo_code=${_motivo_values[$_motivo_path|$_motivo_pending]}
  elif [[ -n ${_motivo_arguments[$_motivo_path|$_motivo_n]+x} ]]; then
    _motivo_code=${_motivo_arguments[$_motivo_path|$_motivo_n]}
  elif [[ -n ${_motivo_arguments[$_motivo_path|+]+x} ]]; then
    _motivo_code=${_motivo_arguments[$_motivo_path|+]}
  else
    _motivo_code=''
  fi
}
)";

} // namespace

std::string bash_completion(const CommandInfo& root)
{
  std::string out = "# bash completion for motivo, written by `motivo completion bash` from its command line.\n";
  out += shell_tables(root, "declare -gA");
  out += walk_words;
  out += R"(
_motivo() {
  local cur=${COMP_WORDS[COMP_CWORD]} words
  _motivo_walk "${COMP_WORDS[@]:0:COMP_CWORD}"
  _motivo_code
  COMPREPLY=()
  if [[ -z $_motivo_pending && $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "${_motivo_options[$_motivo_path]}" -- "$cur")
    return
  fi
  words=''
  [[ -z $_motivo_pending && $_motivo_n -eq 0 ]] && words=${_motivo_commands[$_motivo_path]}
  case $_motivo_code in
    @id*)
      local id
      words+=" ${_motivo_code#@id}"
      while IFS=$'\t' read -r id _; do words+=" $id"; done \
        < <("${COMP_WORDS[0]}" "${_motivo_flags[@]}" complete-ids -- "$cur" 2>/dev/null) ;;
    @file) [[ -z $words ]] && return ;;  # nothing of our own: the shell's file names (complete -o default)
    *) words+=" $_motivo_code" ;;
  esac
  mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
}
complete -F _motivo -o default motivo
)";
  return out;
}

std::string zsh_completion(const CommandInfo& root)
{
  std::string out = "#compdef motivo\n# zsh completion for motivo, written by `motivo completion zsh` from its command "
                    "line.\n";
  out += shell_tables(root, "typeset -gA");
  out += walk_words;
  out += R"(
_motivo() {
  local cur=${words[CURRENT]}
  local -a candidates described
  _motivo_walk "${(@)words[1,CURRENT-1]}"
  _motivo_code
  if [[ -z $_motivo_pending && $cur == -* ]]; then
    candidates=(${=_motivo_options[$_motivo_path]})
    compadd -a candidates
    return
  fi
  if [[ -z $_motivo_pending && $_motivo_n -eq 0 && -n ${_motivo_commands[$_motivo_path]} ]]; then
    local c
    for c in ${=_motivo_commands[$_motivo_path]}; do
      described+=("$c:${_motivo_help[$_motivo_path $c]}")
    done
    _describe -t commands 'motivo command' described
  fi
  case $_motivo_code in
    @id*)
      local id name
      candidates=(${=_motivo_code#@id})
      (( ${#candidates} )) && compadd -a candidates
      described=()
      "${words[1]}" "${_motivo_flags[@]}" complete-ids -- "$cur" 2>/dev/null | while IFS=$'\t' read -r id name; do
        described+=("$id:$name")
      done
      _describe -t invitations 'invitation' described ;;
    @file) [[ -z ${_motivo_commands[$_motivo_path]} || $_motivo_n -gt 0 || -n $_motivo_pending ]] && _files ;;
    '') ;;
    *) candidates=(${=_motivo_code}); compadd -a candidates ;;
  esac
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _motivo "$@"
else
  compdef _motivo motivo
fi
)";
  return out;
}

namespace {

// Fish's conditions: the command path and argument number at the cursor, as `__motivo_state` prints them
// ("motivo decide|1").
constexpr std::string_view fish_state =
    R"(function __motivo_state --description 'the motivo command and argument number at the cursor'
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l path motivo
    set -l n 0
    set -l pending 0
    for t in $tokens
        if test $pending = 1
            set pending 0
            continue
        end
        switch $t
            case '-*=*'
                continue
            case '-*'
                contains -- "$path|$t" $__motivo_valued; and set pending 1
                continue
        end
        set -l next "$path $t"
        if test $n = 0; and contains -- "$next" $__motivo_paths
            set path $next
        else
            set n (math $n + 1)
        end
    end
    if test $pending = 1
        echo "$path|-"
    else
        echo "$path|$n"
    end
end

function __motivo_at --description 'whether the cursor is at this command path and argument ("decide" 0)'
    set -l state (__motivo_state)
    test "$state" = "$argv[1]|$argv[2]"; and return 0
    test "$argv[2]" = '+'; and string match -q -- "$argv[1]|*" $state; and not string match -q -- '*|-' $state
end

function __motivo_in --description 'whether the cursor is within this command path'
    string match -q -- "$argv[1]|*" (__motivo_state)
end

function __motivo_ids --description 'the invitation ids, with the --db and --as typed'
    set -l tokens (commandline -opc)
    set -l flags
    for i in (seq (count $tokens))
        switch $tokens[$i]
            case --db --as
                test $i -lt (count $tokens); and set flags $flags $tokens[$i] $tokens[(math $i + 1)]
            case '--db=*' '--as=*'
                set flags $flags $tokens[$i]
        end
    end
    $tokens[1] $flags complete-ids 2>/dev/null
end
)";

std::string fish_option(const std::string& path, const OptionInfo& o)
{
  std::string line = fmt::format("complete -c motivo -n {}", single_quoted("__motivo_in " + single_quoted(path), true));
  for (const std::string& name : o.names)
    line += name.starts_with("--") ? " -l " + name.substr(2) : " -s " + name.substr(1);
  if (o.kind == ValueKind::choice)
    line += " -x -a " + single_quoted(joined(o.choices), true);
  else if (o.kind == ValueKind::invitation)
    line += " -x -a '(__motivo_ids)'";
  else if (o.kind != ValueKind::flag)
    line += " -r";
  return line + " -d " + single_quoted(o.help, true) + "\n";
}

std::string fish_argument(const std::string& path, const std::string& index, const OptionInfo& a)
{
  const std::string where = single_quoted("__motivo_at " + single_quoted(path) + " " + index, true);
  if (a.kind == ValueKind::choice)
    return fmt::format("complete -c motivo -f -n {} -a {}\n", where, single_quoted(joined(a.choices), true));
  if (a.kind != ValueKind::invitation) return {};
  std::string lines = fmt::format("complete -c motivo -f -n {} -a '(__motivo_ids)'\n", where);
  if (!a.choices.empty())
    lines += fmt::format("complete -c motivo -f -n {} -a {}\n", where, single_quoted(joined(a.choices), true));
  return lines;
}

} // namespace

std::string fish_completion(const CommandInfo& root)
{
  std::string paths, valued, lines;
  for_each_command(root, "motivo", [&](const std::string& path, const CommandInfo& c) {
    paths += " " + single_quoted(path, true);
    for (const CommandInfo& sub : c.commands)
      if (!sub.hidden)
        lines += fmt::format("complete -c motivo -f -n {} -a {} -d {}\n",
                             single_quoted("__motivo_at " + single_quoted(path) + " 0", true),
                             single_quoted(sub.name, true), single_quoted(sub.help, true));
    for (const OptionInfo& o : c.options) {
      if (o.kind != ValueKind::flag)
        for (const std::string& name : o.names) valued += " " + single_quoted(fmt::format("{}|{}", path, name), true);
      lines += fish_option(path, o);
    }
    for (std::size_t i = 0; i < c.arguments.size(); ++i) {
      lines += fish_argument(path, std::to_string(i), c.arguments[i]);
      if (c.arguments[i].repeats) lines += fish_argument(path, "+", c.arguments[i]);
    }
  });
  return "# fish completion for motivo, written by `motivo completion fish` from its command line.\n"
         "set -g __motivo_paths" +
         paths + "\nset -g __motivo_valued" + valued + "\n" + std::string(fish_state) + "\n" + lines;
}

} // namespace motivo::cli
