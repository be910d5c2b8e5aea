# CRM_SANITIZE=address,undefined builds everything with those sanitizers;
# UBSan findings abort so ctest reports them as failures.
if(CRM_SANITIZE)
  add_compile_options(-fsanitize=${CRM_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${CRM_SANITIZE})
endif()
