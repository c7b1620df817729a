# Writes what the package installs besides the binary, from the built program itself (`motivo man`, `motivo
# completion`: the command line's own description, so that they say what --help says) and from CHANGELOG.md:
#   OUT/man/man1/motivo.1.gz, OUT/man/es/man1/motivo.1.gz   the manual page, English and Spanish
#   OUT/completion/motivo.bash, _motivo, motivo.fish         the completion scripts
#   OUT/doc/changelog.gz                                     CHANGELOG.md in Debian's changelog format
# Run by src/CMakeLists.txt's motivo_docs target with MOTIVO (the program), SOURCE_DIR, OUT and MAINTAINER.
# The program runs with English messages and without the user's settings, so that the build's user changes nothing.
set(ENV{LANGUAGE} en)
set(ENV{LC_ALL} C.UTF-8)
set(ENV{XDG_CONFIG_HOME} ${OUT}/no-settings)
unset(ENV{MOTIVO_CONFIG})
unset(ENV{MOTIVO_DB})
set(ENV{ASAN_OPTIONS} detect_leaks=0) # the asan preset's build runs it too: its leaks are the test suite's business
find_program(GZIP gzip REQUIRED)
find_program(PYTHON python3 REQUIRED)

function(run output)
  execute_process(COMMAND ${ARGN} OUTPUT_FILE ${output} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "generated_docs: ${ARGN} failed (${status})")
  endif()
endfunction()

# gzip -9n: no name and no time stamp in the archive, so the same page gives the same bytes (lintian checks).
function(compressed input output)
  run(${output} ${GZIP} -9nc ${input})
endfunction()

file(MAKE_DIRECTORY ${OUT}/man/man1 ${OUT}/man/es/man1 ${OUT}/completion ${OUT}/doc)
run(${OUT}/man/motivo.1 ${MOTIVO} man --lang en)
run(${OUT}/man/motivo.es.1 ${MOTIVO} man --lang es)
compressed(${OUT}/man/motivo.1 ${OUT}/man/man1/motivo.1.gz)
compressed(${OUT}/man/motivo.es.1 ${OUT}/man/es/man1/motivo.1.gz)
run(${OUT}/completion/motivo.bash ${MOTIVO} completion bash)
run(${OUT}/completion/_motivo ${MOTIVO} completion zsh)
run(${OUT}/completion/motivo.fish ${MOTIVO} completion fish)
run(${OUT}/doc/changelog ${PYTHON} ${SOURCE_DIR}/scripts/deb-changelog.py ${SOURCE_DIR}/CHANGELOG.md "${MAINTAINER}")
compressed(${OUT}/doc/changelog ${OUT}/doc/changelog.gz)
