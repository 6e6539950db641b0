"""Forms of the accounts web layer (sign in, register, profile) and of the Wagtail user admin.

Forms only validate input and show errors; every write goes through ``accounts.services``.
"""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import FileExtensionValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from organisations.models import Organisation
from organisations.selectors import organisation_choices_for_signup, organisations_for_user

from .models import Role, SkillLevel, User
from .roles import ROLE_GROUPS
from .validators import employee_number_validator, mobile_validator

AVATAR_MAX_BYTES = 5 * 1024 * 1024
AVATAR_EXTENSIONS = ["jpg", "jpeg", "png", "gif", "webp"]


# --- helpers ----------------------------------------------------------------------------------------


class AccessibleFormMixin:
    """Points every input at its help text and its error list (``aria-describedby``), and marks
    invalid inputs with ``aria-invalid``, matching the ids that ``accounts/_field.html`` renders."""

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        self.describe_fields()

    def describe_fields(self) -> None:
        errors = getattr(self, "_errors", None) or {}
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            auto_id = self[name].auto_id  # type: ignore[index]
            if not auto_id:
                continue
            described_by = []
            if name in errors:
                described_by.append(f"{auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            else:
                field.widget.attrs.pop("aria-invalid", None)
            if field.help_text:
                described_by.append(f"{auto_id}_helptext")
            if described_by:
                field.widget.attrs["aria-describedby"] = " ".join(described_by)
            else:
                field.widget.attrs.pop("aria-describedby", None)


def apply_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a ValidationError raised by a service onto ``form``: messages for fields the form shows
    go next to them, everything else becomes a form-wide error."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)
    if isinstance(form, AccessibleFormMixin):
        form.describe_fields()


class OrganisationTreeChoiceField(forms.ModelChoiceField):
    """A select of the organisation tree in path order, each node indented by its depth."""

    def __init__(self, queryset: QuerySet[Organisation], **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", {"invalid_choice": _("所选组织不存在或不可选择，请重新选择。")})
        super().__init__(queryset=queryset.order_by("path"), **kwargs)

    def label_from_instance(self, obj: Organisation) -> str:
        indent = "\u3000" * (obj.depth - 1)
        marker = "└ " if obj.depth > 1 else ""
        return f"{indent}{marker}{obj.name}"


def employee_number_taken(
    *, organisation: Organisation | None, employee_number: str, exclude_pk: int | None
) -> bool:
    if not employee_number or organisation is None:
        return False
    qs = User.objects.filter(organisation=organisation, employee_number=employee_number)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.exists()


def mobile_taken(*, mobile: str, exclude_pk: int | None) -> bool:
    qs = User.objects.filter(mobile=mobile)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.exists()


EMPLOYEE_NUMBER_TAKEN = _("该组织内已存在相同工号的用户。")
MOBILE_TAKEN = _("该手机号已被注册。如果这是您的号码，请直接登录或联系所属工会。")


# --- sign in ----------------------------------------------------------------------------------------


def mobile_field(**kwargs: Any) -> forms.CharField:
    """The 11-digit mobile number as every form asks for it (numeric keypad on phones)."""
    return forms.CharField(
        label=_("手机号"),
        max_length=11,
        validators=[mobile_validator],
        help_text=_("11 位手机号，可用于登录。"),
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "numeric", "autocomplete": "tel"}),
        error_messages={"required": _("请填写手机号。"), "max_length": _("手机号应为 11 位数字。")},
        **kwargs,
    )


class LoginForm(AccessibleFormMixin, AuthenticationForm):
    """One field for a mobile number or a username, and the password."""

    error_messages = {
        "invalid_login": _("手机号/用户名或密码不正确。"),
        "inactive": _("该账号已停用，请联系所属工会。"),
    }

    def __init__(self, request: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"]
        username.label = _("手机号或用户名")
        username.widget.attrs.update(
            {"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"}
        )
        username.error_messages["required"] = _("请输入手机号或用户名。")
        password = self.fields["password"]
        password.label = _("密码")
        password.error_messages["required"] = _("请输入密码。")


class PasswordChangeFormCN(AccessibleFormMixin, PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": _("原密码不正确，请重新输入。"),
        "password_mismatch": _("两次输入的新密码不一致。"),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("原密码")
        self.fields["new_password1"].label = _("新密码")
        self.fields["new_password2"].label = _("再次输入新密码")
        self.fields["new_password1"].help_text = _("至少 8 位，不能全是数字，不能与姓名、手机号过于相似。")
        self.fields["new_password2"].help_text = ""
        for name in ("old_password", "new_password1", "new_password2"):
            self.fields[name].error_messages["required"] = _("此项为必填项。")


# --- self-signup ------------------------------------------------------------------------------------


class RegisterForm(AccessibleFormMixin, forms.Form):
    """A worker signs up. Every message is in Chinese and nothing is saved unless all of it is valid."""

    real_name = forms.CharField(
        label=_("姓名"),
        max_length=40,
        help_text=_("真实姓名，用于证书和报表。"),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("请填写姓名。")},
    )
    mobile = mobile_field()
    password1 = forms.CharField(
        label=_("密码"),
        strip=False,
        help_text=_("至少 8 位，不能全是数字，不能与姓名、手机号过于相似。"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("请设置密码。")},
    )
    password2 = forms.CharField(
        label=_("再次输入密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("请再次输入密码。")},
    )
    organisation = OrganisationTreeChoiceField(
        queryset=Organisation.objects.all(),
        label=_("所属工会组织"),
        help_text=_("请选择您所在企业或基层工会；找不到时选择上一级工会。"),
        empty_label=_("请选择"),
        error_messages={
            "required": _("请选择所属工会组织。"),
            "invalid_choice": _("所选组织不存在，请重新选择。"),
        },
    )
    employer = forms.CharField(
        label=_("工作单位"),
        max_length=120,
        required=False,
        help_text=_("所在企业或单位全称。"),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    employee_number = forms.CharField(
        label=_("工号（选填）"),
        max_length=32,
        required=False,
        validators=[employee_number_validator],
        help_text=_("本单位内的职工工号，同一组织内不能重复。"),
    )
    trade = forms.CharField(
        label=_("工种"), max_length=60, required=False, help_text=_("例如：数控车工、电工、焊工。")
    )
    skill_level = forms.ChoiceField(
        label=_("职业技能等级"),
        choices=SkillLevel.choices,
        required=False,
        error_messages={"invalid_choice": _("请选择有效的技能等级。")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisation_choices_for_signup()

    def clean_real_name(self) -> str:
        value = self.cleaned_data["real_name"].strip()
        if not value:
            raise ValidationError(_("请填写姓名。"))
        return value

    def clean_mobile(self) -> str:
        mobile = self.cleaned_data["mobile"].strip()
        if mobile_taken(mobile=mobile, exclude_pk=None):
            raise ValidationError(MOBILE_TAKEN, code="mobile_taken")
        return mobile

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        password1, password2 = data.get("password1"), data.get("password2")
        if password1:
            probe = User(
                real_name=data.get("real_name", ""),
                mobile=data.get("mobile"),
                username=data.get("mobile", ""),
            )
            try:
                password_validation.validate_password(password1, user=probe)
            except ValidationError as exc:
                self.add_error("password1", exc)
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("两次输入的密码不一致。"))
        if employee_number_taken(
            organisation=data.get("organisation"),
            employee_number=data.get("employee_number", ""),
            exclude_pk=None,
        ):
            self.add_error("employee_number", EMPLOYEE_NUMBER_TAKEN)
        return data

    def signup_username(self) -> str:
        """The mobile number, unless some account already uses it as its username."""
        mobile = self.cleaned_data["mobile"]
        if not User.objects.filter(username__iexact=mobile).exists():
            return mobile
        return f"{mobile}-{secrets.token_hex(3)}"

    def user_create_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "username": self.signup_username(),
            "real_name": data["real_name"],
            "mobile": data["mobile"],
            "password": data["password1"],
            "organisation": data["organisation"],
            "role": Role.WORKER,
            "employer": data.get("employer", ""),
            "employee_number": data.get("employee_number", ""),
            "trade": data.get("trade", ""),
            "skill_level": data.get("skill_level", ""),
        }


# --- own profile ------------------------------------------------------------------------------------


class ProfileForm(AccessibleFormMixin, forms.Form):
    real_name = forms.CharField(
        label=_("姓名"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("请填写姓名。")},
    )
    email = forms.EmailField(
        label=_("电子邮箱"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("请输入有效的电子邮箱地址。")},
    )
    mobile = mobile_field()
    employer = forms.CharField(label=_("工作单位"), max_length=120, required=False)
    trade = forms.CharField(
        label=_("工种"), max_length=60, required=False, help_text=_("例如：数控车工、电工、焊工。")
    )
    skill_level = forms.ChoiceField(
        label=_("职业技能等级"),
        choices=SkillLevel.choices,
        required=False,
        error_messages={"invalid_choice": _("请选择有效的技能等级。")},
    )
    avatar = forms.ImageField(
        label=_("头像"),
        required=False,
        help_text=_("JPG、PNG、GIF 或 WebP 图片，不超过 5 MB；正方形效果最佳。"),
        validators=[
            FileExtensionValidator(AVATAR_EXTENSIONS, message=_("头像只支持 JPG、PNG、GIF 或 WebP 格式。"))
        ],
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
        error_messages={
            "invalid_image": _("上传的文件不是有效的图片，请换一张图片。"),
            "empty": _("上传的文件是空的。"),
            "invalid": _("上传的文件无效。"),
        },
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        kwargs.setdefault(
            "initial",
            {
                "real_name": user.real_name,
                "email": user.email,
                "mobile": user.mobile or "",
                "employer": user.employer,
                "trade": user.trade,
                "skill_level": user.skill_level,
                "avatar": user.avatar,
            },
        )
        super().__init__(*args, **kwargs)

    def clean_real_name(self) -> str:
        value = self.cleaned_data["real_name"].strip()
        if not value:
            raise ValidationError(_("请填写姓名。"))
        return value

    def clean_mobile(self) -> str:
        mobile = self.cleaned_data["mobile"].strip()
        if mobile_taken(mobile=mobile, exclude_pk=self.user.pk):
            raise ValidationError(MOBILE_TAKEN, code="mobile_taken")
        return mobile

    def clean_avatar(self) -> Any:
        avatar = self.cleaned_data.get("avatar")
        if avatar and getattr(avatar, "size", 0) > AVATAR_MAX_BYTES:
            raise ValidationError(_("头像图片不能超过 5 MB，请压缩后再上传。"), code="too_large")
        return avatar

    def profile_update_kwargs(self) -> dict[str, Any]:
        """Only what changed, in the shape ``user_profile_update`` takes."""
        data = self.cleaned_data
        changes: dict[str, Any] = {}
        for name in ("real_name", "email", "mobile", "employer", "trade", "skill_level"):
            if name in self.changed_data:
                changes[name] = data[name]
        avatar = data.get("avatar")
        if avatar is False:  # the "clear" box was ticked
            changes["avatar"] = ""
        elif avatar and "avatar" in self.changed_data:
            changes["avatar"] = avatar
        return changes


# --- Wagtail admin: create and edit users ------------------------------------------------------------


ADMIN_USER_FIELDS = (
    "real_name",
    "mobile",
    "employee_number",
    "employer",
    "trade",
    "skill_level",
    "organisation",
)


class AdminUserFormMixin:
    """Shared by the Wagtail user create and edit forms.

    ``for_user`` (the staff member using the form) decides what can be chosen: union staff pick an
    organisation inside their subtree and any role but 平台管理员; site admins pick anything.
    The role is not a model field of this form: the view hands it to ``accounts.services``.
    """

    REPLACED_FIELDS = ("first_name", "last_name", "is_superuser")  # real_name and role stand for these

    def setup_for_user(
        self, for_user: User | None, *, role: str = Role.WORKER, editing_self: bool = False
    ) -> None:
        self.for_user = for_user
        fields = self.fields  # type: ignore[attr-defined]
        is_admin = bool(for_user and for_user.is_superuser)
        for name in self.REPLACED_FIELDS:
            fields.pop(name, None)
        fields["username"].label = _("用户名")
        fields["username"].help_text = _("登录用的用户名：字母、数字和 @/./+/-/_。")
        fields["email"].label = _("电子邮箱")
        fields["email"].required = False
        fields["real_name"].required = True
        fields["real_name"].error_messages["required"] = _("请填写姓名。")
        if "password1" in fields:
            fields["password1"].label = _("密码")
            fields["password2"].label = _("再次输入密码")
        fields["organisation"] = OrganisationTreeChoiceField(
            queryset=Organisation.objects.all() if is_admin else organisations_for_user(user=for_user),
            label=_("所属组织"),
            required=not is_admin,
            empty_label=_("（无）") if is_admin else _("请选择"),
            help_text=_("用户所属的工会组织或企业节点。"),
            error_messages={
                "required": _("请选择所属组织。"),
                "invalid_choice": _("所选组织不存在或不在您的管理范围内。"),
            },
        )
        role_choices = (
            Role.choices if is_admin else [(v, label) for v, label in Role.choices if v != Role.ADMIN]
        )
        fields["role"] = forms.ChoiceField(
            label=_("角色"),
            choices=role_choices,
            initial=role,
            help_text=_("决定用户可以看到和操作的内容；权限组随角色自动调整。"),
            error_messages={
                "required": _("请选择角色。"),
                "invalid_choice": _("您不能授予该角色，请重新选择。"),
            },
        )
        if "groups" in fields:
            if is_admin:
                fields["groups"].queryset = fields["groups"].queryset.exclude(name__in=ROLE_GROUPS.values())
                fields["groups"].required = False
                fields["groups"].label = _("其他权限组")
                fields["groups"].help_text = _("角色对应的权限组会自动设置，这里只需选择额外的权限组。")
            else:
                del fields["groups"]
        if editing_self:
            # nobody changes their own role or organisation here: it could lock them out
            fields["role"].disabled = True
            fields["organisation"].disabled = True

    def clean(self) -> dict[str, Any]:
        data = super().clean()  # type: ignore[misc]
        role = data.get("role")
        organisation = data.get("organisation")
        errors = self.errors  # type: ignore[attr-defined]
        if role == Role.UNION_STAFF and organisation is None and "organisation" not in errors:
            self.add_error("organisation", _("工会干部必须指定所属组织。"))  # type: ignore[attr-defined]
        if employee_number_taken(
            organisation=organisation,
            employee_number=data.get("employee_number", ""),
            exclude_pk=self.instance.pk,  # type: ignore[attr-defined]
        ):
            self.add_error("employee_number", EMPLOYEE_NUMBER_TAKEN)  # type: ignore[attr-defined]
        return data

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]
        # clean() already reported a duplicate 工号 next to its field; drop the model constraint's
        # form-wide copy of the same message
        errors = self.errors  # type: ignore[attr-defined]
        non_field = errors.get(NON_FIELD_ERRORS)
        if non_field and str(EMPLOYEE_NUMBER_TAKEN) in non_field:
            remaining = [m for m in non_field if m != str(EMPLOYEE_NUMBER_TAKEN)]
            if remaining:
                errors[NON_FIELD_ERRORS] = self.error_class(remaining, error_class="nonfield")  # type: ignore[attr-defined]
            else:
                del errors[NON_FIELD_ERRORS]


class AdminUserCreationForm(AdminUserFormMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email", *ADMIN_USER_FIELDS, "groups")
        widgets = {"groups": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, for_user: User | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_for_user(for_user)

    def user_create_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "username": data["username"],
            "real_name": data["real_name"],
            "password": data.get("password1") or None,
            "mobile": data.get("mobile") or None,
            "organisation": data.get("organisation"),
            "role": data["role"],
            "email": data.get("email", ""),
            "employee_number": data.get("employee_number", ""),
            "employer": data.get("employer", ""),
            "trade": data.get("trade", ""),
            "skill_level": data.get("skill_level", ""),
        }


class AdminUserEditForm(AdminUserFormMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        model = User
        fields = ("username", "email", *ADMIN_USER_FIELDS, "is_active", "groups")
        widgets = {"groups": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, for_user: User | None = None, **kwargs: Any) -> None:
        editing_self = kwargs.get("editing_self", False)
        super().__init__(*args, **kwargs)
        self.setup_for_user(for_user, role=self.instance.role, editing_self=editing_self)
