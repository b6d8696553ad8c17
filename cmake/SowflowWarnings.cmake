# One place for the warning set (Catch2's add_warnings_to_targets idea).
function(sowflow_add_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local
                         -Wnon-virtual-dtor -Wold-style-cast -Wno-missing-field-initializers)
  if(SOWFLOW_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
