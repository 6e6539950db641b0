from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

mobile_validator = RegexValidator(
    regex=r"^1[3-9]\d{9}$",
    message=_("请输入有效的 11 位中国大陆手机号码，例如 13800138000。"),
    code="invalid_mobile",
)

employee_number_validator = RegexValidator(
    regex=r"^[A-Za-z0-9\-_]{1,32}$",
    message=_("工号只能包含字母、数字、连字符和下划线，最长 32 位。"),
    code="invalid_employee_number",
)
